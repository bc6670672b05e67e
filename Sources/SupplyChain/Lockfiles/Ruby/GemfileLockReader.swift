import SlipwayCore

/// Reads Bundler's `Gemfile.lock`: the specs of its `GEM`, `GIT` and `PATH` sections.
///
/// Each 4-space `name (version)` spec line is one component, and its 6-space lines are its dependencies. A
/// platform-specific spec such as `nokogiri (1.15.0-x86_64-linux)` has version `1.15.0` and the purl qualifier
/// `platform=x86_64-linux` (Bundler splits at the first `-`, as its own lockfile parser does), so every platform
/// variant is its own component. A dependency on a gem with several platform variants points at the variant of
/// the same platform, else the plain one, else all of them. Gems named under `DEPENDENCIES` are direct (a trailing
/// `!` marks a non-default source and is dropped). `CHECKSUMS` (Bundler 2.5+) gives `SHA-256` hashes. The lockfile
/// does not record Gemfile groups, so `scope` stays `nil`. Unknown sections (`PLUGIN SOURCE`, `RUBY VERSION`,
/// `BUNDLED WITH`) are skipped, so there is no version to reject.
public struct GemfileLockReader: LockfileReader {
    /// Creates the reader.
    public init() {}

    public var format: String { "Gemfile.lock" }

    public func handles(path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name == "Gemfile.lock" || name == "gems.locked"
    }

    private struct Spec {
        var name: String
        var version: String
        var platform: String?
        var dependencyNames: [String] = []
        var line: Int
        var column: Int
    }

    public func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component] {
        var specs: [Spec] = []
        var direct: Set<String> = []
        var checksums: [String: String] = [:]
        var section = ""
        var sawSection = false
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.trimmingWhitespace().isEmpty { continue }
            let indent = line.prefix { $0 == " " }.count
            if indent == 0 {
                section = String(line)
                sawSection = true
                continue
            }
            let body = line.dropFirst(indent)
            switch section {
            case "GEM", "GIT", "PATH", "PLUGIN SOURCE":
                guard section != "PLUGIN SOURCE" else { continue }
                if indent == 4 {
                    let (name, version) = try Self.nameAndVersion(body, line: lineNumber, column: 5, path: path)
                    guard let version else {
                        throw .unexpectedShape(
                            path: path,
                            position: SourcePosition(line: lineNumber, column: 5),
                            reason: "spec `\(name)` has no `(version)`"
                        )
                    }
                    let (number, platform) = Self.splitPlatform(version)
                    specs.append(Spec(name: name, version: number, platform: platform, line: lineNumber, column: 5))
                } else if indent == 6 {
                    guard !specs.isEmpty else {
                        throw .unexpectedShape(
                            path: path,
                            position: SourcePosition(line: lineNumber, column: 7),
                            reason: "a dependency line comes before any spec"
                        )
                    }
                    let (name, _) = try Self.nameAndVersion(body, line: lineNumber, column: 7, path: path)
                    specs[specs.count - 1].dependencyNames.append(name)
                }
            case "DEPENDENCIES":
                var (name, _) = try Self.nameAndVersion(body, line: lineNumber, column: indent + 1, path: path)
                if name.hasSuffix("!") { name.removeLast() }
                direct.insert(name)
            case "CHECKSUMS":
                let parts = body.split(separator: " ")
                guard let hash = parts.last, hash.hasPrefix("sha256="), let close = body.lastIndex(of: ")") else {
                    continue
                }
                checksums[String(body[...close])] = String(hash.dropFirst("sha256=".count))
            default:
                continue
            }
        }
        guard sawSection else {
            throw .unexpectedShape(
                path: path,
                position: SourcePosition(line: 1, column: 1),
                reason: "no `GEM`, `GIT` or `PATH` section found"
            )
        }
        return components(specs, direct: direct, checksums: checksums, path: path)
    }

    private func components(
        _ specs: [Spec],
        direct: Set<String>,
        checksums: [String: String],
        path: String
    ) -> [Component] {
        var purls: [String: [(platform: String?, purl: String)]] = [:]
        for spec in specs { purls[spec.name, default: []].append((spec.platform, Self.purl(spec))) }
        return specs.map { spec in
            var dependencies: Set<String> = []
            for name in spec.dependencyNames {
                guard let variants = purls[name] else { continue }
                let chosen =
                    variants.filter { $0.platform == spec.platform }.nilIfEmpty
                    ?? variants.filter { $0.platform == nil }.nilIfEmpty ?? variants
                dependencies.formUnion(chosen.map(\.purl))
            }
            let written = spec.platform.map { "\(spec.version)-\($0)" } ?? spec.version
            let hashes = checksums["\(spec.name) (\(written))"].map { [ComponentHash(algorithm: "SHA-256", hex: $0)] }
            return Component(
                ecosystem: .rubygems,
                name: spec.name,
                version: spec.version,
                purl: Self.purl(spec),
                hashes: hashes ?? [],
                isDirect: direct.contains(spec.name),
                dependencies: dependencies.sorted(),
                location: SourceLocation(path: path, line: spec.line, column: spec.column)
            )
        }
        .sorted { $0.purl < $1.purl }
    }

    private static func purl(_ spec: Spec) -> String {
        PackageURL(
            type: "gem",
            name: spec.name,
            version: spec.version,
            qualifiers: spec.platform.map { ["platform": $0] } ?? [:]
        )
        .description
    }

    /// `name` or `name (text)`; anything else is an error at the line.
    private static func nameAndVersion(
        _ body: Substring,
        line: Int,
        column: Int,
        path: String
    ) throws(LockfileError) -> (name: String, version: String?) {
        guard let open = body.firstIndex(of: " ") else { return (String(body), nil) }
        let rest = body[body.index(after: open)...]
        guard rest.hasPrefix("("), rest.hasSuffix(")") || rest.hasSuffix(")!") else {
            throw .unexpectedShape(
                path: path,
                position: SourcePosition(line: line, column: column),
                reason: "expected `name (version)`, found `\(body)`"
            )
        }
        let inner = rest.dropFirst().prefix { $0 != ")" }
        let name = String(body[..<open]) + (rest.hasSuffix("!") ? "!" : "")
        return (name, String(inner))
    }

    /// `1.15.0-x86_64-linux` → (`1.15.0`, `x86_64-linux`), splitting at the first `-` as Bundler does.
    private static func splitPlatform(_ text: String) -> (version: String, platform: String?) {
        guard let dash = text.firstIndex(of: "-") else { return (text, nil) }
        return (String(text[..<dash]), String(text[text.index(after: dash)...]))
    }
}

extension Array {
    fileprivate var nilIfEmpty: Self? { isEmpty ? nil : self }
}
