import Crypto
import Foundation
import Ledger
import SlipwayCore
import Testing

/// Temporary ledgers and events for the store and verification tests.
enum LedgerFixtures {
    static let origin = "example.com/release-ledger"

    /// A fresh empty directory, removed by the caller with `remove`.
    static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    static func event(
        _ number: Int,
        kind: EventKind = .deploymentSucceeded,
        environment: String = "production"
    )
        -> LedgerEvent
    {
        LedgerEvent(
            kind: kind,
            time: Timestamp(secondsSince1970: 1_795_000_000 + number * 60),
            actor: number % 2 == 0 ? "octocat" : "hubot",
            subject: EventSubject(project: "shop", version: "1.\(number / 4).0", environment: environment),
            source: EventSource(repository: "acme/shop", commit: String(repeating: "\(number % 10)", count: 40)),
            result: "success",
            details: .object(["number": .number(Double(number))])
        )
    }

    static func signer(_ name: String = origin) throws -> Ed25519CheckpointSigner {
        try Ed25519CheckpointSigner(name: name, privateKey: Curve25519.Signing.PrivateKey())
    }

    static func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func segment(_ root: String, firstIndex: Int) -> String {
        let digits = String(firstIndex)
        return root + "/segments/" + String(repeating: "0", count: 20 - digits.count) + digits + ".jsonl"
    }

    static func checkpoint(_ root: String, size: Int) -> String {
        let digits = String(size)
        return root + "/checkpoints/" + String(repeating: "0", count: 20 - digits.count) + digits + ".note"
    }
}
