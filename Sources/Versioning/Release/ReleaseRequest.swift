public import SlipwayCore

/// Everything `slipway version` was asked to do, as a plain value.
public struct ReleaseRequest: Sendable {
    /// Repository root (the working directory of git).
    public var root: String
    public var settings: VersioningSettings
    public var options: BumpOptions
    public var strategy: BumpStrategy
    /// Tag prefix; the settings' `tagPrefix` or `v` when `nil`.
    public var tagPrefix: String?
    public var firstParent: Bool
    /// Release date for the changelog heading.
    public var date: CalendarDate
    /// The changelog file, relative to the root.
    public var changelogPath: String
    /// Skip flags from the command line, merged with the settings' `skip`.
    public var skip: VersioningSettings.Skip

    /// Creates a request.
    public init(
        root: String,
        settings: VersioningSettings = VersioningSettings(),
        options: BumpOptions = BumpOptions(),
        strategy: BumpStrategy = .standardVersion,
        tagPrefix: String? = nil,
        firstParent: Bool = false,
        date: CalendarDate,
        changelogPath: String = "CHANGELOG.md",
        skip: VersioningSettings.Skip = VersioningSettings.Skip()
    ) {
        self.root = root
        self.settings = settings
        self.options = options
        self.strategy = strategy
        self.tagPrefix = tagPrefix
        self.firstParent = firstParent
        self.date = date
        self.changelogPath = changelogPath
        self.skip = skip
    }

    /// The effective tag prefix.
    public var effectiveTagPrefix: String { tagPrefix ?? settings.tagPrefix ?? "v" }
}
