import SlipwayCore

/// Locates `../shared` (the real-input corpus and conformance harness) relative to the package.
public enum Corpus {
    /// The package root, derived from this file's path.
    public static let packageRoot: String = {
        var path = "\(#filePath)"
        for _ in 0..<3 { path = PathUtilities.directory(of: path) }
        return path
    }()

    /// `../shared`, or `SLIPWAY_SHARED` when set.
    public static let sharedRoot: String = {
        if let override = ProcessEnvironment.value("SLIPWAY_SHARED") { return override }
        return PathUtilities.normalize(packageRoot + "/../shared")
    }()

    /// Whether the shared corpus is present.
    public static var isAvailable: Bool { LocalFileSystem().isDirectory(sharedRoot + "/corpus/workflows") }

    /// The workflow corpus directory.
    public static var workflowsDirectory: String { sharedRoot + "/corpus/workflows" }
}

/// Reads the process environment without Foundation.
public enum ProcessEnvironment {
    /// The value of `name`, if set.
    public static func value(_ name: String) -> String? {
        guard let pointer = getenv(name) else { return nil }
        return String(cString: pointer)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
