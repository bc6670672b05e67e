/// Whether git accepts a name for a tag: the rules of `git check-ref-format` for `refs/tags/<name>`, plus `git tag`'s
/// refusal of a name that starts with `-`.
///
/// `slipway version` checks the tag it will create before it writes anything, so that an unusable `tagPrefix`
/// (a space, a `:`) fails the plan instead of leaving a release commit without its tag.
public enum GitTagName {
    /// Why `name` cannot be a tag, or nil when git accepts it.
    public static func problem(_ name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.hasPrefix("-") { return "it starts with '-'" }
        if name.hasSuffix(".") { return "it ends with '.'" }
        if name.hasPrefix("/") || name.hasSuffix("/") || name.contains("//") { return "it has an empty path component" }
        if name.contains("..") { return "it contains '..'" }
        if name.contains("@{") { return "it contains '@{'" }
        for scalar in name.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { return "it contains a control character" }
            if " ~^:?*[\\".unicodeScalars.contains(scalar) { return "it contains '\(scalar)'" }
        }
        for component in name.split(separator: "/") {
            if component.hasPrefix(".") { return "a component starts with '.'" }
            if component.hasSuffix(".lock") { return "a component ends with '.lock'" }
        }
        return nil
    }
}
