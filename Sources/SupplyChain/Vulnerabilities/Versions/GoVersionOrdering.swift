/// Go module versions as the go command orders them (golang.org/x/mod/semver), for OSV's `Go` ecosystem.
///
/// The leading `v` is optional because OSV's Go records omit it while go.mod keeps it. `v1` and `v1.2` are
/// shorthand for `v1.0.0` and `v1.2.0`. Pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`,
/// `v1.2.3-pre.0.20191109021931-daa7c04131f5`, `v1.2.4-0.20191109021931-daa7c04131f5`) are ordinary SemVer
/// pre-releases, so they sort after the release they build on and before the next one, exactly as the go command
/// sorts them. Build metadata such as `+incompatible` is ignored.
public struct GoVersionOrdering: VersionOrdering {
    /// Go versions share SemVer's representation and precedence.
    public typealias Version = SemanticVersionOrdering.Version

    /// Creates the ordering.
    public init() {}

    /// The parsed version, or nil when `text` is not a valid Go module version (with or without its `v`).
    public func parse(_ text: String) -> Version? {
        VersionText.withUTF8(text) { bytes in
            SemanticVersionGrammar.go.parse(bytes, from: bytes.byte(at: 0) == UInt8(ascii: "v") ? 1 : 0)
        }
    }
}
