/// Every built-in lockfile reader, tried in order (the first that handles a file name reads it).
public enum LockfileReaders {
    /// All readers.
    public static let all: [any LockfileReader] = [
        NPMPackageLockReader(),
        YarnLockReader(),
        PNPMLockReader(),
        PackageResolvedReader(),
        RequirementsReader(),
        PoetryLockReader(),
        PipfileLockReader(),
        UVLockReader(),
        CargoLockReader(),
        GoModReader(),
        GemfileLockReader(),
        ComposerLockReader(),
        MavenPOMReader(),
    ]
}
