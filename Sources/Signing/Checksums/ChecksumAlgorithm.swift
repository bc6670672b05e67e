/// The digests `slipway checksums` writes, named as `sha256sum`/`sha512sum` and their `--tag` lines name them.
public enum ChecksumAlgorithm: String, Sendable, CaseIterable {
    case sha256
    case sha512

    /// The tag in BSD-style lines: `SHA256`, `SHA512`.
    public var tag: String { rawValue.uppercased() }

    /// The conventional file name: `SHA256SUMS`, `SHA512SUMS`.
    public var sumsFileName: String { "\(tag)SUMS" }

    /// Hex digits in a digest.
    public var hexLength: Int {
        switch self {
        case .sha256: 64
        case .sha512: 128
        }
    }

    /// The algorithm whose digests have `hexLength` hex digits.
    public init?(hexLength: Int) {
        guard let match = Self.allCases.first(where: { $0.hexLength == hexLength }) else { return nil }
        self = match
    }
}

/// The two line formats `sha256sum -c` reads.
public enum ChecksumFormat: Sendable {
    /// GNU: `<hex>  <name>`.
    case gnu
    /// BSD (`--tag`): `SHA256 (<name>) = <hex>`.
    case tagged
}
