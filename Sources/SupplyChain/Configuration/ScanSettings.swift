public import SlipwayCore

/// The `scan:` section of `slipway.yml`: policy for `slipway scan deps` (`deps:`), `scan licenses` (`licenses:`)
/// and `scan secrets` (`secrets:`).
public struct ScanSettings: Sendable {
    public var deps: VulnerabilityPolicy
    public var licenses: LicensePolicy
    public var secrets: SecretScanSettings

    /// Creates settings; the defaults apply where a subsection is missing.
    public init(
        deps: VulnerabilityPolicy = VulnerabilityPolicy(),
        licenses: LicensePolicy = LicensePolicy(),
        secrets: SecretScanSettings = SecretScanSettings()
    ) {
        self.deps = deps
        self.licenses = licenses
        self.secrets = secrets
    }

    /// Decodes the `scan:` section of `configuration` (defaults when it has none).
    public static func decode(_ configuration: SlipwayConfiguration) throws(ConfigurationError) -> ScanSettings {
        guard let node = configuration.scan else { return ScanSettings() }
        let reader = ConfigurationReader(path: configuration.path ?? "slipway.yml")
        let mapping = try reader.mapping(node, key: "scan")
        try reader.checkKeys(mapping, allowed: ["deps", "licenses", "secrets"], section: "scan")
        var settings = ScanSettings()
        if let deps = mapping["deps"], deps.scalar?.isNull != true {
            settings.deps = try VulnerabilityPolicy.decode(deps, reader: reader)
        }
        if let licenses = mapping["licenses"], licenses.scalar?.isNull != true {
            settings.licenses = try LicensePolicy.decode(licenses, reader: reader)
        }
        if let secrets = mapping["secrets"], secrets.scalar?.isNull != true {
            settings.secrets = try SecretScanSettings.decode(secrets, reader: reader)
        }
        return settings
    }

    /// The JSON Schema of the `scan:` section.
    public static var schema: JSONValue {
        .object([
            "description": .string("Supply-chain policy for `slipway scan`; see docs/supply-chain.md."),
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "properties": .object([
                "deps": VulnerabilityPolicy.schema, "licenses": LicensePolicy.schema,
                "secrets": SecretScanSettings.schema,
            ]),
        ])
    }

    /// A sample `scan:` section.
    ///
    /// Every command's start-up builds it (ArgumentParser reads `slipway audit`'s help, which shows the sample
    /// configuration), so the nesting is a byte loop rather than `split`/`map`/`joined` over `Character`s.
    public static let sample =
        "scan:\n" + VulnerabilityPolicy.sample + "\n  licenses:\n" + indented(LicensePolicy.sample) + "\n  secrets:\n"
        + indented(SecretScanSettings.sample)

    /// `text` with four spaces before every non-empty line (the samples are `\n`-separated literals).
    static func indented(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 2)
        var atLineStart = true
        for byte in text.utf8 {
            if atLineStart, byte != 0x0A { bytes.append(contentsOf: [0x20, 0x20, 0x20, 0x20]) }
            bytes.append(byte)
            atLineStart = byte == 0x0A
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
