import CSlipwaySystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sets the C allocator up for what a `slipway` process is: one short run that builds its models and exits.
///
/// glibc's defaults suit long-lived servers: a worker thread's heap grows by what each request needs, one
/// `mprotect` call at a time, memory freed at the top goes back to the kernel at once, and blocks of 128 KiB and more
/// are mapped and unmapped one by one. An audit of the 165 corpus workflows made 1,968 `mprotect` calls that way and
/// spent 20 ms of CPU in the kernel. Growing in 16 MiB steps and keeping freed memory until exit takes that to 12
/// calls and 14 ms; untouched address space costs no memory, so peak resident memory does not grow.
public enum AllocatorTuning {
    /// One `mallopt` setting.
    public struct Setting: Sendable, Hashable, CustomStringConvertible {
        /// The glibc parameter name (`M_TOP_PAD`, …), for messages and tests.
        public var name: String
        /// The parameter number that `mallopt` takes.
        public var parameter: Int32
        /// The value in bytes.
        public var bytes: Int32

        public var description: String { "\(name)=\(bytes)" }
    }

    /// The settings to apply, or none when the operator tuned malloc in `GLIBC_TUNABLES` (the variable's value; theirs
    /// win).
    public static func settings(glibcTunables: String?) -> [Setting] {
        #if canImport(Glibc)
            if let glibcTunables, glibcTunables.contains("glibc.malloc.") { return [] }
            return [
                // Each of these turns off glibc's moving mmap threshold, so it is set explicitly (to the largest
                // value that moving threshold can reach on 64-bit systems).
                Setting(name: "M_MMAP_THRESHOLD", parameter: Int32(SLIPWAY_M_MMAP_THRESHOLD), bytes: 32 << 20),
                Setting(name: "M_TOP_PAD", parameter: Int32(SLIPWAY_M_TOP_PAD), bytes: 16 << 20),
                Setting(name: "M_TRIM_THRESHOLD", parameter: Int32(SLIPWAY_M_TRIM_THRESHOLD), bytes: 256 << 20),
            ]
        #else
            return []
        #endif
    }

    /// Applies `settings(glibcTunables:)` for this process's `GLIBC_TUNABLES` and returns the settings glibc
    /// accepted.
    ///
    /// Call it once, first thing in `main`, before the process allocates much. The variable is read with `getenv`, so
    /// start-up builds no environment dictionary for it.
    @discardableResult
    public static func configureForShortLivedProcess() -> [Setting] {
        configureForShortLivedProcess(glibcTunables: getenv("GLIBC_TUNABLES").map { String(cString: $0) })
    }

    /// Applies `settings(glibcTunables:)` and returns the settings glibc accepted.
    @discardableResult
    public static func configureForShortLivedProcess(glibcTunables: String?) -> [Setting] {
        settings(glibcTunables: glibcTunables).filter { slipway_mallopt($0.parameter, $0.bytes) == 1 }
    }
}
