import SlipwayCore

/// Gathers the npm components of one lockfile, merging duplicates of the same purl.
///
/// JavaScript lockfiles install one package version at several places (nested `node_modules`, pnpm peer contexts,
/// yarn patch entries). A component is identified by its purl, so the copies become one component: the widest
/// scope wins (runtime over optional over development), it is direct if any copy is, dependencies and hashes are
/// united, and the first location in the file is kept. The license is that of the first copy in the file that
/// declares one, so the result does not depend on the order copies are added in (readers walk JSON objects whose
/// key order is not the file's).
struct JavaScriptComponentCollector {
    private var components: [String: Component] = [:]
    /// Where the kept license of each purl was declared.
    private var licenseLocations: [String: SourceLocation?] = [:]

    /// Adds `component`, merging it into an earlier one with the same purl.
    mutating func add(_ component: Component) {
        guard var existing = components[component.purl] else {
            var component = component
            component.dependencies = Self.normalized(component.dependencies, excluding: component.purl)
            components[component.purl] = component
            if component.license != nil { licenseLocations[component.purl] = component.location }
            return
        }
        if let license = component.license, Self.precedes(component.location, licenseLocations[component.purl]) {
            existing.license = license
            licenseLocations[component.purl] = component.location
        }
        existing.scope = Self.wider(existing.scope, component.scope)
        existing.isDirect = Self.merged(existing.isDirect, component.isDirect)
        existing.dependencies = Self.normalized(
            existing.dependencies + component.dependencies,
            excluding: existing.purl
        )
        for hash in component.hashes where !existing.hashes.contains(hash) { existing.hashes.append(hash) }
        if let location = component.location, existing.location.map({ location < $0 }) ?? true {
            existing.location = location
        }
        components[component.purl] = existing
    }

    /// Whether a component with `purl` was added.
    func contains(_ purl: String) -> Bool { components[purl] != nil }

    /// Sets the scope of every component from reachability, where the file did not tell it.
    ///
    /// Components reachable from `runtimeRoots` are runtime, then those reachable from `optionalRoots` are
    /// optional, the rest reachable from `developmentRoots` are development; a scope the file told is kept.
    mutating func inferScopes(runtimeRoots: [String], optionalRoots: [String], developmentRoots: [String]) {
        var inferred: [String: DependencyScope] = [:]
        for (roots, scope) in [
            (runtimeRoots, DependencyScope.runtime), (optionalRoots, .optional), (developmentRoots, .development),
        ] {
            var stack = roots
            while let purl = stack.popLast() {
                guard inferred[purl] == nil, let component = components[purl] else { continue }
                inferred[purl] = scope
                stack.append(contentsOf: component.dependencies)
            }
        }
        for (purl, scope) in inferred where components[purl]?.scope == nil { components[purl]?.scope = scope }
    }

    /// Marks the components in `purls` direct and every other one transitive.
    mutating func markDirect(_ purls: Set<String>) {
        for purl in components.keys { components[purl]?.isDirect = purls.contains(purl) }
    }

    /// The components sorted by purl.
    var sorted: [Component] { components.values.sorted { $0.purl < $1.purl } }

    /// Whether a copy at `location` comes before the one the kept license came from (`nil`: no license kept yet);
    /// copies without a location come after those with one.
    private static func precedes(_ location: SourceLocation?, _ kept: SourceLocation??) -> Bool {
        guard let kept else { return true }
        guard let location else { return false }
        guard let kept else { return true }
        return location < kept
    }

    private static func normalized(_ dependencies: [String], excluding purl: String) -> [String] {
        Array(Set(dependencies).subtracting([purl])).sorted()
    }

    private static func rank(_ scope: DependencyScope) -> Int {
        switch scope {
        case .runtime: 0
        case .optional: 1
        case .development: 2
        }
    }

    private static func wider(_ lhs: DependencyScope?, _ rhs: DependencyScope?) -> DependencyScope? {
        guard let lhs else { return rhs }
        guard let rhs else { return lhs }
        return rank(lhs) <= rank(rhs) ? lhs : rhs
    }

    private static func merged(_ lhs: Bool?, _ rhs: Bool?) -> Bool? {
        guard let lhs else { return rhs }
        guard let rhs else { return lhs }
        return lhs || rhs
    }
}
