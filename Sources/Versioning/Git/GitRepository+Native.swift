import SlipwayCore

/// The fast path of the history reads: ``NativeGitReader`` answers from the repository's files, and `nil` sends the
/// caller to the git command, which gives the same answer (or the precise error) the slow way.
extension GitRepository {
    /// ``snapshot()`` from the files; `nil` when the reader does not handle this repository.
    func nativeSnapshot() -> Snapshot? {
        do throws(GitNativeUnsupported) {
            let reader = try NativeGitReader(path: path, environment: environment)
            return try reader.snapshot(
                objects: GitObjectDatabase(objectsDirectory: reader.commonDirectory + "/objects")
            )
        } catch {
            return nil
        }
    }

    /// What the native log of `<tag>..HEAD` found.
    enum NativeLog: Equatable {
        /// The commits of the range, with the tag's commit as their boundary.
        case commits([RawCommit])
        /// The tag names `HEAD` itself: the log is empty and has no boundary, so git's answer is `nil` too.
        case tagOnHead
    }

    /// ``commits(sinceReachableTag:firstParent:)`` from the files, for a range that is a plain chain (the same with
    /// and without `--first-parent`); `nil` when the reader does not handle it.
    func nativeCommits(sinceReachableTag tag: String) -> NativeLog? {
        do throws(GitNativeUnsupported) {
            let reader = try NativeGitReader(path: path, environment: environment)
            let objects = GitObjectDatabase(objectsDirectory: reader.commonDirectory + "/objects")
            switch try reader.chain(sinceTag: tag, objects: objects) {
            case .tagOnHead:
                return .tagOnHead
            case .commits(let commits):
                return .commits(commits.map { RawCommit(hash: $0.id.hex, message: $0.message) })
            }
        } catch {
            return nil
        }
    }

    /// ``originURL()`` from the config files: `.some(nil)` when no URL is set, `nil` when the reader gives up.
    func nativeOriginURL() -> String?? {
        do throws(GitNativeUnsupported) {
            guard let url = try NativeGitReader(path: path, environment: environment).originURL() else {
                return .some(nil)
            }
            // `git config --get` prints the value and a line feed, which the CLI path trims with the value.
            let trimmed = String(decoding: url, as: UTF8.self).trimmingWhitespace()
            return .some(trimmed.isEmpty ? nil : trimmed)
        } catch {
            return nil
        }
    }

    /// A `%B` message as the log parsers return it: trailing line feeds dropped (except one after a carriage return).
    static func logMessage(_ message: [UInt8]) -> String {
        message.withUnsafeBufferPointer { bytes in
            decode(bytes, 0..<messageEnd(bytes, from: 0, to: bytes.count))
        }
    }

    /// ``logMessage(_:)`` of the bytes of `data` from `start` on (a commit object's message), without copying them.
    static func logMessage(_ data: [UInt8], from start: Int) -> String {
        data.withUnsafeBufferPointer { bytes in
            decode(bytes, start..<messageEnd(bytes, from: start, to: bytes.count))
        }
    }
}
