public import SlipwayCore

/// The `ledger:` section of `slipway.yml`: where the ledger lives, its origin, and the public key verifiers trust.
///
/// `ledger: PATH` is short for `ledger: {path: PATH}`, and `ledger: postgres://…` for `ledger: {url: postgres://…}`.
public struct LedgerSettings: Sendable, Equatable {
    /// The default ledger directory, relative to the repository.
    public static let defaultPath = ".slipway/ledger"

    /// The ledger directory; relative paths are relative to the configuration file's directory.
    public var path: String?
    /// A database ledger's URL (`postgres://USER@HOST:PORT/DATABASE`); when set, it is used instead of `path`.
    public var url: String?
    /// The checkpoint origin for a new ledger.
    public var origin: String?
    /// The public key file `verify` and `verify-proof` use when `--key` is not given.
    public var publicKey: String?
    /// Whether `version`, `sbom`, `scan`, `sign` and `attest` record their events here (default true; `false` keeps
    /// the section for the `ledger` commands only).
    public var record: Bool

    /// Creates settings.
    public init(
        path: String? = nil,
        url: String? = nil,
        origin: String? = nil,
        publicKey: String? = nil,
        record: Bool = true
    ) {
        self.path = path
        self.url = url
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
            let value = try reader.string(node, key: "ledger")
            return isURL(value) ? LedgerSettings(url: value) : LedgerSettings(path: resolve(value))
        }
        let mapping = try reader.mapping(node, key: "ledger")
        try reader.checkKeys(mapping, allowed: ["path", "url", "origin", "public-key", "record"], section: "ledger")
        return LedgerSettings(
            path: resolve(try reader.optional(mapping, "path", reader.string)),
            url: try reader.optional(mapping, "url", reader.string),
            origin: try reader.optional(mapping, "origin", reader.string),
            publicKey: resolve(try reader.optional(mapping, "public-key", reader.string)),
            record: try reader.optional(mapping, "record", reader.bool) ?? true
        )
    }

    /// Whether `location` names a database ledger rather than a directory.
    public static func isURL(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// The JSON Schema of the `ledger:` section.
    public static var schema: JSONValue {
        .object([
            "description": .string("The release ledger for `slipway ledger`; see docs/ledger.md."),
            "oneOf": .array([
                .object([
                    "type": .string("string"),
                    "description": .string("The ledger directory, or a postgres:// URL for a PostgreSQL ledger."),
                ]),
                .object([
                    "type": .string("object"),
                    "additionalProperties": .bool(false),
                    "properties": .object([
                        "path": .object([
                            "type": .string("string"),
                            "description": .string("The ledger directory (default .slipway/ledger)."),
                        ]),
                        "url": .object([
                            "type": .string("string"),
                            "pattern": .string("^postgres(ql)?://"),
                            "description": .string(
                                "A PostgreSQL ledger: postgres://USER@HOST:PORT/DATABASE?schema=NAME (used instead of "
                                    + "path; put the password in PGPASSWORD, not here)."
                            ),
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
