import Foundation
import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

/// Planted secrets for the acceptance tests, one (or more) per rule.
///
/// Every value is assembled at run time from a
/// seeded generator and split prefixes, so no real-looking credential is committed to the repository (and push
/// protection has nothing to block).
struct SecretPlant: CustomTestStringConvertible {
    var rule: String
    /// The assignment name, in the style of each file type; neutral unless the rule needs context.
    var name: String
    var value: String
    var testDescription: String { rule }
}

/// The seeded generator the plants are drawn from.
typealias PlantRandom = SeededRandom

/// Alphabets and token shapes of the planted secrets.
extension SeededRandom {
    static let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    static let lower = "abcdefghijklmnopqrstuvwxyz"
    static let digits = "0123456789"
    static let hex = "0123456789abcdef"
    static let alphanumeric = upper + lower + digits
    static let urlSafe = alphanumeric + "_-"
    static let base64 = alphanumeric + "+/"

    mutating func alnum(_ count: Int) -> String { string(count, from: Self.alphanumeric) }
    mutating func hex(_ count: Int) -> String { string(count, from: Self.hex) }
    mutating func digits(_ count: Int) -> String { string(1, from: "123456789") + string(count - 1, from: Self.digits) }
    mutating func urlSafe(_ count: Int) -> String { string(count, from: Self.urlSafe) }

    /// A GitHub/npm-style token: prefix, 30 random base62 characters, their CRC32 in 6 base62 digits.
    mutating func checksummed(_ prefix: String) -> String {
        let random = alnum(30)
        return prefix + random + Base62.encode(UInt64(CRC32.checksum(Array(random.utf8))), width: 6)
    }
}

enum SecretPlants {
    /// Joins pieces so the source never holds a whole token prefix next to a value.
    static func join(_ parts: String...) -> String { parts.joined() }

    /// One single-line plant per rule (the private key and the service-account file are built separately).
    static func singleLine(seed: UInt64 = 42) -> [SecretPlant] {
        var random = PlantRandom(seed: seed)
        var plants: [SecretPlant] = []
        func add(_ rule: String, _ value: String, name: String? = nil) {
            plants.append(SecretPlant(rule: rule, name: name ?? "setting_\(plants.count)", value: value))
        }
        add("aws-access-key-id", join("AK", "IA", random.string(16, from: PlantRandom.upper + "234567")))
        add(
            "aws-secret-access-key",
            random.string(40, from: PlantRandom.base64),
            name: "aws_secret_access_key"
        )
        add("github-pat", random.checksummed(join("gh", "p_")))
        add("github-oauth-token", random.checksummed(join("gh", "o_")))
        add("github-user-to-server-token", random.checksummed(join("gh", "u_")))
        add("github-app-installation-token", random.checksummed(join("gh", "s_")))
        add("github-refresh-token", random.checksummed(join("gh", "r_")))
        add("github-fine-grained-pat", join("github", "_pat_", random.alnum(22), "_", random.alnum(59)))
        add("gitlab-pat", join("gl", "pat-", random.urlSafe(20)))
        add("gitlab-runner-token", join("gl", "rt-", random.urlSafe(20)))
        add("gitlab-deploy-token", join("gl", "dt-", random.urlSafe(20)))
        add("gitlab-pipeline-trigger-token", join("gl", "ptt-", random.hex(40)))
        add("gitlab-runner-registration-token", join("GR", "1348941", random.urlSafe(20)))
        add("gitlab-oauth-app-secret", join("gl", "oas-", random.urlSafe(64)))
        add("slack-bot-token", join("xo", "xb-", random.digits(10), "-", random.digits(13), "-", random.alnum(24)))
        add(
            "slack-user-token",
            join("xo", "xp-", random.digits(10), "-", random.digits(12), "-", random.digits(13), "-", random.hex(32))
        )
        add("slack-workspace-token", join("xo", "xa-2-", random.alnum(40)))
        add(
            "slack-app-token",
            join(
                "xa",
                "pp-1-A",
                random.string(10, from: PlantRandom.upper + PlantRandom.digits),
                "-",
                random.digits(13),
                "-",
                random.hex(64)
            )
        )
        add(
            "slack-webhook-url",
            join(
                "https://hooks.",
                "slack.com/services/T",
                random.string(8, from: PlantRandom.upper),
                "/B",
                random.string(8, from: PlantRandom.upper),
                "/",
                random.alnum(24)
            )
        )
        add("stripe-secret-key", join("sk", "_live_", random.alnum(24)))
        add("stripe-restricted-key", join("rk", "_live_", random.alnum(24)))
        add("stripe-publishable-key", join("pk", "_live_", random.alnum(24)))
        add("stripe-webhook-secret", join("wh", "sec_", random.alnum(32)))
        add("google-api-key", join("AI", "za", random.urlSafe(35)))
        add(
            "azure-storage-account-key",
            join(
                "DefaultEndpointsProtocol=https;AccountName=acmeprod;Account",
                "Key=",
                random.string(86, from: PlantRandom.base64),
                "==;EndpointSuffix=core.windows.net"
            )
        )
        add(
            "azure-sas-token",
            join(
                "https://acmeprod.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=sco&sp=rl",
                "&se=2030-01-01T00:00:00Z&spr=https&sig=",
                random.alnum(43),
                "%3D"
            )
        )
        add("azure-ad-client-secret", join(random.alnum(3), "8Q~", random.urlSafe(34)))
        add("npm-access-token", random.checksummed(join("np", "m_")))
        add("pypi-upload-token", join("py", "pi-AgEIcHlwaS5vcmc", random.urlSafe(70)))
        add("dockerhub-pat", join("dckr", "_pat_", random.urlSafe(27)))
        add("twilio-api-key", join("SK", random.hex(32)), name: "twilio_api_key")
        add("sendgrid-api-key", join("S", "G.", random.urlSafe(22), ".", random.urlSafe(43)))
        add("mailgun-api-key", join("ke", "y-", random.hex(32)))
        add("shopify-access-token", join("sh", "pat_", random.hex(32)))
        add("shopify-shared-secret", join("sh", "pss_", random.hex(32)))
        add(
            "heroku-api-key",
            [random.hex(8), random.hex(4), random.hex(4), random.hex(4), random.hex(12)].joined(separator: "-"),
            name: "heroku_api_key"
        )
        add("digitalocean-token", join("do", "p_v1_", random.hex(64)))
        add("datadog-api-key", random.hex(32), name: "datadog_api_key")
        add("new-relic-api-key", join("NR", "AK-", random.string(27, from: PlantRandom.upper + PlantRandom.digits)))
        add("atlassian-api-token", join("ATA", "TT3xFfGF0", random.urlSafe(170), "=", random.hex(8).uppercased()))
        add("okta-api-token", join("00", random.urlSafe(40)), name: "okta_api_token")
        add("vault-token", join("hv", "s.CAESI", random.urlSafe(91)))
        add("terraform-cloud-token", join(random.alnum(14), ".atlas", "v1.", random.urlSafe(67)))
        add("databricks-token", join("da", "pi", random.hex(32)))
        add(
            "discord-bot-token",
            join("M", random.alnum(23), ".", random.urlSafe(6), ".", random.urlSafe(27)),
            name: "discord_bot_token"
        )
        add(
            "discord-webhook-url",
            join("https://discord.com/api/", "webhooks/", random.digits(18), "/", random.urlSafe(68))
        )
        add("telegram-bot-token", join(random.digits(9), ":A", "A", random.urlSafe(33)))
        add("openai-api-key", join("sk", "-proj-", random.alnum(40), "T3Blbk", "FJ", random.alnum(40)))
        add("anthropic-api-key", join("sk", "-ant-api03-", random.urlSafe(93), "AA"))
        add("huggingface-token", join("h", "f_", random.string(34, from: PlantRandom.upper + PlantRandom.lower)))
        add("age-secret-key", join("AGE-SECRET", "-KEY-1", random.string(58, from: "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L")))
        add("pulumi-access-token", join("pu", "l-", random.hex(40)))
        add("rubygems-api-key", join("ruby", "gems_", random.hex(48)))
        add("grafana-service-account-token", join("gl", "sa_", random.alnum(32), "_", random.hex(8)))
        add("linear-api-key", join("lin", "_api_", random.alnum(40)))
        add("postman-api-key", join("PM", "AK-", random.hex(24), "-", random.hex(34)))
        add("doppler-token", join("dp", ".pt.", random.alnum(43)))
        add("alibaba-access-key-id", join("LT", "AI", random.alnum(20)))
        add("square-access-token", join("sq0", "atp-", random.urlSafe(22)))
        add("buildkite-api-token", join("bk", "ua_", random.hex(40)))
        add("jwt", jwt(&random))
        add("url-password", join("postgres://app:", random.alnum(18), "@db.internal:5432/app"))
        add("generic-secret", join(random.alnum(12), "#", random.alnum(8)), name: "db_password")
        return plants
    }

    static func jwt(_ random: inout PlantRandom) -> String {
        func encode(_ text: String) -> String {
            Data(text.utf8).base64EncodedString().replacingAll("=", with: "").replacingAll("+", with: "-")
                .replacingAll("/", with: "_")
        }
        let header = encode(#"{"alg":"HS256","typ":"JWT"}"#)
        let payload = encode(#"{"sub":"\#(random.alnum(12))","iat":1700000000}"#)
        return header + "." + payload + "." + random.urlSafe(43)
    }

    /// A PEM private key body: `lines` lines of 64 random base64 characters.
    static func pemBody(_ random: inout PlantRandom, lines: Int = 6) -> [String] {
        (0..<lines).map { _ in random.string(64, from: PlantRandom.base64) }
    }

    /// The file types plants are spread over, and how each writes `name = value`.
    enum FileKind: CaseIterable {
        case dotenv, yaml, json, python, javascript, terraform, dockerfile

        var fileName: String {
            switch self {
            case .dotenv: "config/.env"
            case .yaml: "deploy/values.yml"
            case .json: "settings.json"
            case .python: "app/settings.py"
            case .javascript: "web/config.js"
            case .terraform: "infra/main.tf"
            case .dockerfile: "Dockerfile"
            }
        }

        /// Lines before the first plant.
        var header: [String] {
            switch self {
            case .dotenv: ["# environment"]
            case .yaml: ["app:", "  replicas: 2"]
            case .json: ["{"]
            case .python: ["import os", ""]
            case .javascript: ["'use strict';"]
            case .terraform: ["locals {"]
            case .dockerfile: ["FROM debian:bookworm", "RUN apt-get update"]
            }
        }

        var footer: [String] {
            switch self {
            case .json: [#"  "end": true"#, "}"]
            case .terraform: ["}"]
            default: []
            }
        }

        func line(_ plant: SecretPlant) -> String {
            switch self {
            case .dotenv: "\(plant.name.uppercased())=\(plant.value)"
            case .yaml: "  \(plant.name): \"\(plant.value)\""
            case .json: "  \"\(plant.name)\": \"\(plant.value)\","
            case .python: "\(plant.name.uppercased()) = \"\(plant.value)\""
            case .javascript: "const \(plant.name) = '\(plant.value)';"
            case .terraform: "  \(plant.name) = \"\(plant.value)\""
            case .dockerfile: "ENV \(plant.name.uppercased())=\(plant.value)"
            }
        }
    }

    /// An expected finding.
    struct Expected: Hashable, CustomStringConvertible {
        var rule: String
        var path: String
        var line: Int
        var description: String { "\(rule) at \(path):\(line)" }
    }

    /// Writes the planted tree under `root` and returns where each secret must be found, plus every planted
    /// secret value (to check that none appears in any output).
    static func writeTree(at root: String, seed: UInt64 = 42) throws -> (expected: [Expected], secrets: [String]) {
        let fileSystem = LocalFileSystem()
        var expected: [Expected] = []
        var secrets: [String] = []
        var files: [FileKind: [String]] = [:]
        for kind in FileKind.allCases { files[kind] = kind.header }
        for (index, plant) in singleLine(seed: seed).enumerated() {
            let kind = FileKind.allCases[index % FileKind.allCases.count]
            files[kind, default: []].append(kind.line(plant))
            expected.append(Expected(rule: plant.rule, path: kind.fileName, line: files[kind, default: []].count))
            secrets.append(plant.value)
        }
        for kind in FileKind.allCases {
            let text = (files[kind, default: []] + kind.footer).joined(separator: "\n") + "\n"
            try write(text, to: root + "/" + kind.fileName, fileSystem)
        }
        var random = PlantRandom(seed: seed &+ 1)
        // A private key in a Python string, and a service-account key file (whose escaped key is found too).
        let body = pemBody(&random)
        let pem = ["-----BEGIN OPENSSH PRIVATE", " KEY-----"].joined()
        let pemEnd = ["-----END OPENSSH PRIVATE", " KEY-----"].joined()
        try write(
            (["import os", "", "DEPLOY_KEY = \"\"\"" + pem] + body + [pemEnd + "\"\"\""]).joined(separator: "\n")
                + "\n",
            to: root + "/app/keys.py",
            fileSystem
        )
        expected.append(Expected(rule: "private-key", path: "app/keys.py", line: 3))
        secrets.append(body.joined())
        let keyID = random.hex(40)
        let escaped =
            ["-----BEGIN PRIVATE", " KEY-----\\n"].joined() + pemBody(&random).joined(separator: "\\n")
            + ["\\n-----END PRIVATE", " KEY-----\\n"].joined()
        let serviceAccount = """
            {
              "type": "service_account",
              "project_id": "acme-prod",
              "private_key_id": "\(keyID)",
              "private_key": "\(escaped)",
              "client_email": "deployer@acme-prod.iam.gserviceaccount.com"
            }

            """
        try write(serviceAccount, to: root + "/gcp/service-account.json", fileSystem)
        expected.append(Expected(rule: "gcp-service-account-key", path: "gcp/service-account.json", line: 2))
        expected.append(Expected(rule: "private-key", path: "gcp/service-account.json", line: 5))
        secrets.append(keyID)
        return (expected, secrets)
    }

    static func write(_ text: String, to path: String, _ fileSystem: LocalFileSystem) throws {
        let directory = PathUtilities.directory(of: path)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try fileSystem.writeTextAtomically(text, to: path)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory(_ name: String = "secrets") throws -> String {
        let path = NSTemporaryDirectory() + "slipway-\(name)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
