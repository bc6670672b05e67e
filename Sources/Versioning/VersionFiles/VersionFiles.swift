/// The built-in version-file updaters, chosen by file name as standard-version chooses them.
public enum VersionFiles {
    /// standard-version's default `packageFiles`: where the current version is read from.
    public static let defaultPackageFiles = ["package.json", "bower.json", "manifest.json"]

    /// standard-version's default `bumpFiles`: the package files plus npm's lockfiles.
    public static let defaultBumpFiles = defaultPackageFiles + ["package-lock.json", "npm-shrinkwrap.json"]

    /// The updater for a file, chosen by its name (the last path component), or `nil` when none fits.
    ///
    /// `package.json`, `bower.json`, `manifest.json`, `composer.json`: top-level JSON `"version"`.
    /// `package-lock.json`, `npm-shrinkwrap.json`: that plus `packages[""].version`.
    /// `VERSION`, `VERSION.txt`, `version.txt`: the whole file. `pyproject.toml`, `Cargo.toml` and
    /// Helm's `Chart.yaml`: their package version.
    public static func updater(forPath path: String) -> (any VersionFileUpdater)? {
        switch fileName(of: path) {
        case "package.json", "bower.json", "manifest.json", "composer.json":
            JSONVersionUpdater()
        case "package-lock.json", "npm-shrinkwrap.json":
            JSONVersionUpdater(updatesRootPackageEntry: true)
        case "VERSION", "VERSION.txt", "version.txt":
            PlainTextVersionUpdater()
        case "pyproject.toml":
            PyprojectVersionUpdater()
        case "Cargo.toml":
            CargoVersionUpdater()
        case "Chart.yaml":
            HelmChartVersionUpdater()
        default:
            nil
        }
    }

    /// The updater for a standard-version `bumpFiles` entry's `type` (`json`, `plain-text`), or `nil`.
    ///
    /// As in standard-version, the `json` type also updates `packages[""].version` when that entry exists.
    public static func updater(forType type: String) -> (any VersionFileUpdater)? {
        switch type {
        case "json":
            JSONVersionUpdater(updatesRootPackageEntry: true)
        case "plain-text":
            PlainTextVersionUpdater()
        default:
            nil
        }
    }

    /// The last component of a `/`-separated path.
    static func fileName(of path: String) -> Substring {
        path.split(separator: "/", omittingEmptySubsequences: true).last ?? Substring(path)
    }
}
