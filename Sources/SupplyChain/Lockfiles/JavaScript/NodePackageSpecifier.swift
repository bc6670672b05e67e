/// Splits the `name@range` strings that JavaScript lockfiles use as keys, including npm aliases.
enum NodePackageSpecifier {
    /// Splits `name@rest` at the first `@` after the first character (scoped names start with `@`); `nil` without one.
    static func split(_ text: some StringProtocol) -> (name: String, rest: String)? {
        let text = Substring(text)
        guard let first = text.first else { return nil }
        let start = first == "@" ? text.index(after: text.startIndex) : text.startIndex
        guard let at = text[start...].firstIndex(of: "@"), at > text.startIndex else { return nil }
        return (String(text[..<at]), String(text[text.index(after: at)...]))
    }

    /// The real package of an npm alias (`npm:string-width@4.2.3` → `string-width`, `4.2.3`), or `nil`.
    static func alias(_ version: String) -> (name: String, version: String)? {
        guard version.hasPrefix("npm:") else { return nil }
        let target = version.dropFirst(4)
        guard let parts = split(target), !parts.rest.isEmpty else { return nil }
        return (parts.name, parts.rest)
    }

    /// The version without pnpm's peer-dependency suffixes: `1.0.0(react@18.0.0)` and `1.0.0_react@18.0.0` → `1.0.0`.
    static func strippingPeerSuffix(_ version: some StringProtocol) -> String {
        var end = version.endIndex
        if let parenthesis = version.firstIndex(of: "(") { end = parenthesis }
        if let underscore = version[..<end].firstIndex(of: "_") { end = underscore }
        return String(version[..<end])
    }

    /// The purl of an npm package.
    static func purl(name: String, version: String) -> String {
        PackageURL(ecosystem: .npm, name: name, version: version).description
    }
}
