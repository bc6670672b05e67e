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
    /// Writes UTF-8 result bytes to standard output (a large report need not become a `String` first).
    func write(utf8 bytes: [UInt8])
    /// Whether standard output is an interactive terminal (colour is only used there).
    var isTerminal: Bool { get }
}

extension OutputSink {
    public func write(utf8 bytes: [UInt8]) { write(String(decoding: bytes, as: UTF8.self)) }
}

/// Writes straight to file descriptors 1 and 2, unbuffered, so Actions logs show output as soon as it exists.
public struct StandardOutputSink: OutputSink {
    /// Creates the sink.
    public init() {}

    public func write(_ text: String) { Self.writeAll(text, to: STDOUT_FILENO) }

    public func writeError(_ text: String) { Self.writeAll(text, to: STDERR_FILENO) }

    public func write(utf8 bytes: [UInt8]) { bytes.withUnsafeBufferPointer { Self.writeAll($0, to: STDOUT_FILENO) } }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        // Native strings are contiguous UTF-8 already: write them in place rather than copy a report of megabytes.
        var text = text
        text.withUTF8 { writeAll($0, to: descriptor) }
    }

    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
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
