extension Catalogue {
    /// The built-in catalogue as JSON. Edit here; `docs/catalogue.md` is generated from it.
    static let builtInJSON = #"""
        {"version": 1, "capabilities": {}}
        """#
}
