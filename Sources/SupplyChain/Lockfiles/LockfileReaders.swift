/// Every built-in lockfile reader, tried in order (the first that handles a file name reads it).
public enum LockfileReaders {
    /// All readers.
    public static let all: [any LockfileReader] = [
        PackageResolvedReader(),
        GoModReader(),
        GemfileLockReader(),
        ComposerLockReader(),
        MavenPOMReader(),
    ]
}
