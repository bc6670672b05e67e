import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where results (stdout) and human diagnostics (stderr) go; tests capture them instead.
public protocol OutputSink: Sendable {
    /// Writes result text to standard output.
    func write(_ text: String)
    /// Writes diagnostic text to standard error.
    func writeError(_ text: String)
    /// Whether standard output is an interactive terminal (colour is only used there).
    var isTerminal: Bool { get }
}

/// Writes straight to file descriptors 1 and 2, unbuffered, so Actions logs show output as soon as it exists.
public struct StandardOutputSink: OutputSink {
    /// Creates the sink.
    public init() {}

    public func write(_ text: String) { Self.writeAll(text, to: STDOUT_FILENO) }

    public func writeError(_ text: String) { Self.writeAll(text, to: STDERR_FILENO) }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        // Native strings are contiguous UTF-8 already: write them in place rather than copy a report of megabytes.
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    public var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
}

/// Keeps everything written, for in-process CLI tests.
public final class CapturingOutputSink: OutputSink {
    private let buffers = Mutex<(out: String, err: String)>(("", ""))
    public let isTerminal: Bool

    /// Creates an empty capture; `isTerminal` pretends stdout is a TTY.
    public init(isTerminal: Bool = false) {
        self.isTerminal = isTerminal
    }

    public func write(_ text: String) { buffers.withLock { $0.out += text } }
    public func writeError(_ text: String) { buffers.withLock { $0.err += text } }

    /// Everything written to stdout.
    public var standardOutput: String { buffers.withLock { $0.out } }
    /// Everything written to stderr.
    public var standardError: String { buffers.withLock { $0.err } }
}
