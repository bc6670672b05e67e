/// How node-semver's `inc()` moves a version; standard-version passes one of these to it.
public enum VersionIncrement: String, Sendable, Hashable, Codable, CaseIterable {
    case major
    case minor
    case patch
    case premajor
    case preminor
    case prepatch
    case prerelease

    /// The plain increment for a release level.
    public init(_ type: ReleaseType) {
        switch type {
        case .major: self = .major
        case .minor: self = .minor
        case .patch: self = .patch
        }
    }

    /// The `pre…` increment for a release level.
    public static func pre(_ type: ReleaseType) -> VersionIncrement {
        switch type {
        case .major: .premajor
        case .minor: .preminor
        case .patch: .prepatch
        }
    }
}

extension SemanticVersion {
    /// The version after `increment`, exactly as node-semver 7's `inc(version, increment, identifier)` computes it.
    ///
    /// Build metadata is dropped. `major`/`minor`/`patch` from a pre-release of that level finish it
    /// (`2.0.0-rc.1` → `2.0.0`); `pre…` increments start `<identifier>.0` (or `0` without identifier);
    /// `prerelease` bumps the last numeric identifier, switching to `<identifier>.0` when the identifier changes.
    /// A dotted identifier (`beta.x`) is matched as a list, where node-semver compares it to the first identifier
    /// only and so restarts at `.0` forever.
    ///
    /// - Throws: ``BumpError/numberTooLarge(_:)`` when a component would exceed `Int.max`.
    public func incremented(
        _ increment: VersionIncrement,
        identifier: [PrereleaseIdentifier] = []
    ) throws(BumpError) -> SemanticVersion {
        var next = SemanticVersion(major: major, minor: minor, patch: patch, prerelease: prerelease)
        switch increment {
        case .major:
            if next.minor != 0 || next.patch != 0 || next.prerelease.isEmpty { next.major = try bump(next.major) }
            next.minor = 0
            next.patch = 0
            next.prerelease = []
        case .minor:
            if next.patch != 0 || next.prerelease.isEmpty { next.minor = try bump(next.minor) }
            next.patch = 0
            next.prerelease = []
        case .patch:
            if next.prerelease.isEmpty { next.patch = try bump(next.patch) }
            next.prerelease = []
        case .premajor:
            next = SemanticVersion(major: try bump(major), minor: 0, patch: 0)
            try next.startOrContinuePrerelease(identifier)
        case .preminor:
            next = SemanticVersion(major: major, minor: try bump(minor), patch: 0)
            try next.startOrContinuePrerelease(identifier)
        case .prepatch:
            next = SemanticVersion(major: major, minor: minor, patch: try bump(patch))
            try next.startOrContinuePrerelease(identifier)
        case .prerelease:
            if next.prerelease.isEmpty { next.patch = try bump(next.patch) }
            try next.startOrContinuePrerelease(identifier)
        }
        return next
    }

    /// node-semver's `inc(…, 'pre', identifier)`.
    private mutating func startOrContinuePrerelease(_ identifier: [PrereleaseIdentifier]) throws(BumpError) {
        if prerelease.isEmpty {
            prerelease = [.numeric(0)]
        } else if let last = prerelease.lastIndex(where: { if case .numeric = $0 { true } else { false } }),
            case .numeric(let value) = prerelease[last]
        {
            prerelease[last] = .numeric(try bump(value))
        } else {
            prerelease.append(.numeric(0))
        }
        guard !identifier.isEmpty else { return }
        let continuesLine =
            prerelease.starts(with: identifier) && prerelease.count > identifier.count
            && { if case .numeric = prerelease[identifier.count] { true } else { false } }()
        if !continuesLine { prerelease = identifier + [.numeric(0)] }
    }

    private func bump(_ value: Int) throws(BumpError) -> Int {
        let (result, overflow) = value.addingReportingOverflow(1)
        guard !overflow else { throw .numberTooLarge(self) }
        return result
    }
}
