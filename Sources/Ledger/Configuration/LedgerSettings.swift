public import SlipwayCore

/// The `ledger:` section of `slipway.yml`: where the ledger lives, its origin, and the public key verifiers trust.
///
/// `ledger: PATH` is short for `ledger: {path: PATH}`.
public struct LedgerSettings: Sendable, Equatable {
    /// The default ledger directory, relative to the repository.
    public static let defaultPath = ".slipway/ledger"

    /// The ledger directory; relative paths are relative to the configuration file's directory.
    public var path: String?
    /// The checkpoint origin for a new ledger.
    public var origin: String?
    /// The public key file `verify` and `verify-proof` use when `--key` is not given.
    public var publicKey: String?
    /// Whether `version`, `sbom`, `scan`, `sign` and `attest` record their events here (default true; `false` keeps
    /// the section for the `ledger` commands only).
    public var record: Bool

    /// Creates settings.
    public init(path: String? = nil, origin: String? = nil, publicKey: String? = nil, record: Bool = true) {
        self.path = path
        self.origin = origin
        self.publicKey = publicKey
        self.record = record
    }

    /// Decodes the `ledger:` section of `configuration` (empty settings when it has none); relative paths are
    /// resolved against the configuration file's directory.
    ///
    /// - Throws: `ConfigurationError` at the offending key.
    public static func decode(_ configuration: SlipwayConfiguration) throws(ConfigurationError) -> LedgerSettings {
        guard let node = configuration.ledger else { return LedgerSettings() }
        let file = configuration.path ?? "slipway.yml"
        let reader = ConfigurationReader(path: file)
        let base = PathUtilities.directory(of: file)
        func resolve(_ path: String?) -> String? { path.map { PathUtilities.join(base, $0) } }
        if node.scalar != nil {
            return LedgerSettings(path: resolve(try reader.string(node, key: "ledger")))
        }
        let mapping = try reader.mapping(node, key: "ledger")
        try reader.checkKeys(mapping, allowed: ["path", "origin", "public-key", "record"], section: "ledger")
        return LedgerSettings(
            path: resolve(try reader.optional(mapping, "path", reader.string)),
            origin: try reader.optional(mapping, "origin", reader.string),
            publicKey: resolve(try reader.optional(mapping, "public-key", reader.string)),
            record: try reader.optional(mapping, "record", reader.bool) ?? true
        )
    }

    /// The JSON Schema of the `ledger:` section.
    public static var schema: JSONValue {
        .object([
            "description": .string("The release ledger for `slipway ledger`; see docs/ledger.md."),
            "oneOf": .array([
                .object(["type": .string("string"), "description": .string("The ledger directory.")]),
                .object([
                    "type": .string("object"),
                    "additionalProperties": .bool(false),
                    "properties": .object([
                        "path": .object([
                            "type": .string("string"),
                            "description": .string("The ledger directory (default .slipway/ledger)."),
                        ]),
                        "origin": .object([
                            "type": .string("string"),
                            "description": .string(
                                "The checkpoint origin line and signing key name of a new ledger."
                            ),
                        ]),
                        "public-key": .object([
                            "type": .string("string"),
                            "description": .string("The public key file verify uses when --key is not given."),
                        ]),
                        "record": .object([
                            "type": .string("boolean"),
                            "description": .string(
                                "Whether version, sbom, scan, sign and attest record their events here (default true)."
                            ),
                        ]),
                    ]),
                ]),
            ]),
        ])
    }

    /// A sample `ledger:` section.
    public static let sample = """
        ledger:
          path: .slipway/ledger
          origin: example.com/acme/shop/ledger
          public-key: ledger.pub
          record: true

        """
}
