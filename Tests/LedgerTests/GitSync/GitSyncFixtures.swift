import Foundation
import Ledger
import SlipwayCore
import SlipwayTestSupport
import Synchronization
import Testing

/// A bare repository standing in for the remote, and clones of it with their own directory ledgers.
///
/// The clones are the CI runners of the git sync tests. Nothing leaves the temporary directory.
struct GitSyncWorld {
    let root: String
    let signer: Ed25519CheckpointSigner

    /// The bare "remote".
    var bare: String { root + "/remote.git" }

    /// The environment every git command runs with: no system or user configuration, no identity.
    var environment: [String: String] {
        ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": root, "GIT_CONFIG_NOSYSTEM": "1"]
    }

    init() async throws {
        root = try LedgerFixtures.temporaryDirectory()
        signer = try LedgerFixtures.signer()
        try await git(["init", "--quiet", "--bare", bare], in: root)
    }

    func remove() { LedgerFixtures.remove(root) }

    /// Runs git (with an identity, for the commits tests forge by hand), failing the test on a non-zero status.
    @discardableResult
    func git(_ arguments: [String], in directory: String, input: [UInt8] = []) async throws -> String {
        var environment = self.environment
        for role in ["AUTHOR", "COMMITTER"] {
            environment["GIT_\(role)_NAME"] = "Test"
            environment["GIT_\(role)_EMAIL"] = "test@example.com"
        }
        let result = try await FoundationProcessRunner().run(
            ProcessRequest(
                ["git"] + arguments,
                environment: environment,
                workingDirectory: directory,
                standardInput: input,
                timeout: .seconds(60)
            )
        )
        if result.status != 0 { Issue.record("git \(arguments) failed: \(result.errorText)") }
        return result.outputText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A new clone (an empty repository with `origin` pointing at the bare one) and its ledger directory.
    func clone(_ name: String) async throws -> Clone {
        let path = root + "/" + name
        try await git(["init", "--quiet", path], in: root)
        try await git(["remote", "add", "origin", bare], in: path)
        return Clone(world: self, repository: path)
    }

    /// Two clones that diverged: `first` pushed events 0 and 1, `second` pulled 0 only and appended 2 locally.
    func divergedClones() async throws -> (first: Clone, second: Clone) {
        let first = try await clone("a")
        let second = try await clone("b")
        try await first.append([LedgerFixtures.event(0)])
        _ = try await first.sync().push()
        _ = try await second.sync().pull()
        try await first.append([LedgerFixtures.event(1)])
        _ = try await first.sync().push()
        try await second.append([LedgerFixtures.event(2)])
        return (first, second)
    }

    /// The commit the bare repository's ledger ref points at, if any.
    func remoteCommit(_ ref: String = GitLedgerSync.Settings.defaultRef) async throws -> String? {
        let result = try await FoundationProcessRunner().run(
            ProcessRequest(
                ["git", "rev-parse", "--verify", "--quiet", ref],
                environment: environment,
                workingDirectory: bare
            )
        )
        return result.status == 0 ? result.outputText.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }
}

/// One runner: a repository and its directory ledger.
struct Clone {
    let world: GitSyncWorld
    let repository: String
    var ledger: String { repository + "/.slipway/ledger" }
    var store: DirectoryLedgerStore { DirectoryLedgerStore(path: ledger) }

    /// A sync with test-sized backoff and, unless told otherwise, the shared signing key and its verifier.
    func sync(
        runner: any ProcessRunner = FoundationProcessRunner(),
        signed: Bool = true,
        verifiers: [any CheckpointVerifier]? = nil,
        maxAttempts: Int = 10,
        ref: String = GitLedgerSync.Settings.defaultRef,
        chunkEntries: Int = 4096,
        seed: UInt64 = 1
    ) -> GitLedgerSync {
        let signer = world.signer
        let trusted = verifiers ?? [signer.verifier]
        let random = SeededRandomSource(seed: seed)
        let signing: (@Sendable (String) throws -> any CheckpointSigner)? = signed ? { @Sendable _ in signer } : nil
        return GitLedgerSync(
            store: store,
            git: GitPlumbing(repository: repository, runner: runner, environment: world.environment),
            settings: GitLedgerSync.Settings(
                ref: ref,
                maxAttempts: maxAttempts,
                baseDelay: .milliseconds(5),
                maxDelay: .milliseconds(80),
                chunkEntries: chunkEntries
            ),
            verifiers: { _ in trusted },
            signer: signing,
            random: { random.next() }
        )
    }

    /// Appends `events` as one batch, signed with the shared key.
    func append(_ events: [LedgerEvent]) async throws {
        try await Ledger(store: store).append(events, origin: LedgerFixtures.origin, signer: world.signer)
    }

    /// The local entries' canonical bytes, in order.
    func entries() async throws -> [[UInt8]] {
        var result: [[UInt8]] = []
        _ = try await store.read { result.append(Array($0.entry)) }
        return result
    }

    /// Verifies the local ledger against the shared key.
    func verify() async throws -> LedgerVerificationReport {
        try await LedgerVerifier(verifiers: [world.signer.verifier]).verify(store)
    }
}

/// A thread-safe seeded source of numbers in [0, 1) for the backoff jitter.
final class SeededRandomSource: Sendable {
    private let state: Mutex<SeededRandom>

    init(seed: UInt64) { state = Mutex(SeededRandom(seed: seed)) }

    func next() -> Double {
        state.withLock { Double($0.next() >> 11) / Double(UInt64(1) << 53) }
    }
}
