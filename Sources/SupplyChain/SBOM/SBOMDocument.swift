import SlipwayCore

/// What an SBOM describes: the component under release and the components it depends on.
public struct SBOMInput: Sendable {
    /// The project's name.
    public var name: String
    /// The project's version (from `slipway version` or the version files), if known.
    public var version: String?
    /// All components; duplicates across lockfiles are merged by purl.
    public var components: [Component]
    /// Creation time, as Unix seconds (honour `SOURCE_DATE_EPOCH` by passing the context's wall clock).
    public var timestamp: Int
    public var toolVersion: String

    /// Creates an input.
    public init(name: String, version: String?, components: [Component], timestamp: Int, toolVersion: String) {
        self.name = name
        self.version = version
        self.components = components
        self.timestamp = timestamp
        self.toolVersion = toolVersion
    }

    /// Components merged by purl: hashes unioned, the strongest scope kept (runtime > optional > development),
    /// dependencies unioned, sorted by purl so output is byte-stable.
    public var mergedComponents: [Component] {
        var byPurl: [String: Component] = [:]
        for component in components {
            guard var existing = byPurl[component.purl] else {
                byPurl[component.purl] = component
                continue
            }
            for hash in component.hashes where !existing.hashes.contains(hash) { existing.hashes.append(hash) }
            for dependency in component.dependencies where !existing.dependencies.contains(dependency) {
                existing.dependencies.append(dependency)
            }
            existing.scope = Self.stronger(existing.scope, component.scope)
            if existing.isDirect != true { existing.isDirect = component.isDirect ?? existing.isDirect }
            if existing.license == nil { existing.license = component.license }
            byPurl[component.purl] = existing
        }
        return byPurl.values.map { component in
            var sorted = component
            Self.sortHashes(&sorted.hashes)
            // Most lockfile readers give dependencies sorted without repeats already; then they stay as they are.
            if !zip(component.dependencies, component.dependencies.dropFirst()).allSatisfy({ $0 < $1 }) {
                sorted.dependencies = Array(Set(component.dependencies)).sorted()
            }
            return sorted
        }
        .sorted { $0.purl < $1.purl }
    }

    /// Sorts by algorithm then digest.
    ///
    /// For ASCII digests (every real one) `String`'s order is their bytes' order, so
    /// the first eight bytes, read as a big-endian number, decide most comparisons without comparing strings.
    private static func sortHashes(_ hashes: inout [ComponentHash]) {
        // Some lockfiles (pipenv's) list them sorted already: then one pass says so.
        guard !zip(hashes, hashes.dropFirst()).allSatisfy({ !(($1.algorithm, $1.hex) < ($0.algorithm, $0.hex)) })
        else { return }
        var keyed: [(key: UInt64, hash: ComponentHash)] = []
        keyed.reserveCapacity(hashes.count)
        for hash in hashes {
            var hex = hash.hex
            let key = hex.withUTF8 { bytes -> UInt64? in
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
                var key: UInt64 = 0
                for index in 0..<8 { key = key << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
                return key
            }
            guard let key else {
                hashes.sort { ($0.algorithm, $0.hex) < ($1.algorithm, $1.hex) }
                return
            }
            keyed.append((key, hash))
        }
        // Padding with zero bytes keeps the order of a digest and a longer one it starts; equal keys compare in full.
        keyed.sort { lhs, rhs in
            if lhs.hash.algorithm != rhs.hash.algorithm { return lhs.hash.algorithm < rhs.hash.algorithm }
            if lhs.key != rhs.key { return lhs.key < rhs.key }
            return lhs.hash.hex < rhs.hash.hex
        }
        hashes = keyed.map(\.hash)
    }

    private static func stronger(_ lhs: DependencyScope?, _ rhs: DependencyScope?) -> DependencyScope? {
        func rank(_ scope: DependencyScope?) -> Int {
            switch scope {
            case .runtime: 3
            case .optional: 2
            case .development: 1
            case nil: 0
            }
        }
        return rank(lhs) >= rank(rhs) ? lhs : rhs
    }
}
