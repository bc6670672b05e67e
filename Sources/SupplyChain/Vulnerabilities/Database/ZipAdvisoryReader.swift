import SlipwayCore
import ZIPFoundation

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads the `.json` entries of an OSV zip (such as osv.dev's per-ecosystem `all.zip`) in memory.
///
/// Nothing is extracted to disk. Entries whose names escape the archive (`../`, absolute paths) are refused with
/// a warning, and inflation is bounded per entry and in total: the declared size is checked first and the bytes
/// actually inflated are counted, so a zip bomb that lies in its headers stops at the limit too.
struct ZipAdvisoryReader {
    let path: String
    let limits: AdvisoryDatabaseLimits

    struct LimitExceeded: Error {}

    func entries(
        _ bytes: [UInt8]
    ) throws(AdvisoryDatabaseError) -> ([AdvisoryDatabaseLoader.RawFile], [Diagnostic]) {
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .invalidArchive(path: path, reason: "\(error)")
        }
        var files: [AdvisoryDatabaseLoader.RawFile] = []
        var refused: [Diagnostic] = []
        var total: UInt64 = 0
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maximumEntries { throw .tooManyEntries(path: path, limit: limits.maximumEntries) }
            guard entry.type == .file else { continue }
            let name = entry.path
            guard Self.isContained(name) else {
                refused.append(
                    Diagnostic(
                        .warning,
                        "refused zip entry '\(name)': its name leaves the archive (absolute path or '..')",
                        at: SourceLocation(path: path, line: 1, column: 1)
                    )
                )
                continue
            }
            guard name.hasSuffix(".json") else { continue }
            if entry.uncompressedSize > limits.maximumRecordBytes {
                throw .entryTooLarge(
                    path: path,
                    entry: name,
                    bytes: entry.uncompressedSize,
                    limit: limits.maximumRecordBytes
                )
            }
            var content: [UInt8] = []
            content.reserveCapacity(Int(entry.uncompressedSize))
            let recordLimit = limits.maximumRecordBytes
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    if UInt64(content.count + chunk.count) > recordLimit { throw LimitExceeded() }
                    content.append(contentsOf: chunk)
                }
            } catch is LimitExceeded {
                throw .entryTooLarge(
                    path: path,
                    entry: name,
                    bytes: UInt64(content.count),
                    limit: limits.maximumRecordBytes
                )
            } catch {
                throw .invalidArchive(path: path, reason: "entry '\(name)': \(error)")
            }
            total += UInt64(content.count)
            if total > limits.maximumTotalBytes { throw .databaseTooLarge(path: path, limit: limits.maximumTotalBytes) }
            files.append(AdvisoryDatabaseLoader.RawFile(name: name, bytes: content))
        }
        return (files, refused)
    }

    /// Whether an entry name stays inside the archive: relative, no `..` component, no backslash tricks.
    static func isContained(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix("/") || name.hasPrefix("\\") { return false }
        if name.utf8.count > 1, Array(name.utf8)[1] == UInt8(ascii: ":") { return false }
        let components = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        return !components.contains("..")
    }
}
