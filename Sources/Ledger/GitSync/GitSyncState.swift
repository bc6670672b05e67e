import SlipwayCore

/// What a directory ledger last agreed with each remote ref, kept in `git-sync.json` inside the ledger directory so
/// it travels with the ledger (a cache restore, an artifact) rather than with the clone.
///
/// `synced` entries are known to be on the remote at the same indices: a remote that later disagrees about any of
/// them has had its history rewritten. `pushing` records a push in flight, so a run that dies between the push and
/// the local update does not push the same events a second time.
struct GitSyncState: Sendable, Equatable {
    /// The agreed prefix of one remote ref.
    struct Synced: Sendable, Equatable {
        var size: UInt64
        var root: [UInt8]
        var commit: String?
    }

    /// A push that was about to be made: `count` local entries from `common` went into `commit`.
    struct Pushing: Sendable, Equatable {
        var commit: String
        var common: UInt64
        var count: UInt64
    }

    /// One remote ref's record.
    struct Record: Sendable, Equatable {
        var synced: Synced?
        var pushing: Pushing?
    }

    static let fileName = "git-sync.json"
    static let currentFormat = 1

    var records: [String: Record] = [:]

    /// The key of `ref` on `remote`.
    static func key(remote: String, ref: String) -> String { "\(remote) \(ref)" }

    /// Reads the state of the ledger at `directory`; empty when there is none.
    ///
    /// - Throws: `LedgerStoreError.malformed` or `.newerFormat` for a file this build did not write.
    static func load(directory: String) throws(LedgerStoreError) -> GitSyncState {
        let path = directory + "/" + fileName
        guard let bytes = try POSIXFile.readIfPresent(path) else { return GitSyncState() }
        func malformed(_ reason: String) -> LedgerStoreError { .malformed(path: path, reason: reason) }
        guard case .object(let object)? = try? JSONParser.parse(bytes), case .number(let format) = object["format"]
        else { throw malformed("not a git sync state (no 'format')") }
        if Int(format) > currentFormat {
            throw .newerFormat(path: path, found: Int(format), supported: currentFormat)
        }
        guard case .object(let refs)? = object["refs"] else { throw malformed("no 'refs' object") }
        var state = GitSyncState()
        for (key, value) in refs {
            guard case .object(let fields) = value else { throw malformed("'\(key)' is not an object") }
            var record = Record()
            if case .object(let synced)? = fields["synced"] {
                guard case .number(let size) = synced["size"], size >= 0, case .string(let root) = synced["root"],
                    let rootHash = Hex.decode(root)
                else { throw malformed("'\(key)'.synced lacks 'size' or 'root'") }
                var commit: String?
                if case .string(let text)? = synced["commit"] { commit = text }
                record.synced = Synced(size: UInt64(size), root: rootHash, commit: commit)
            }
            if case .object(let pushing)? = fields["pushing"] {
                guard case .string(let commit) = pushing["commit"], case .number(let common) = pushing["common"],
                    common >= 0, case .number(let count) = pushing["count"], count >= 0
                else { throw malformed("'\(key)'.pushing lacks 'commit', 'common' or 'count'") }
                record.pushing = Pushing(commit: commit, common: UInt64(common), count: UInt64(count))
            }
            state.records[key] = record
        }
        return state
    }

    /// Writes the state into the ledger at `directory`, atomically.
    ///
    /// - Throws: `LedgerStoreError.io`.
    func save(directory: String) throws(LedgerStoreError) {
        var refs: [String: JSONValue] = [:]
        for (key, record) in records {
            var fields: [String: JSONValue] = [:]
            if let synced = record.synced {
                var object: [String: JSONValue] = [
                    "size": .number(Double(synced.size)), "root": .string(Hex.encode(synced.root)),
                ]
                if let commit = synced.commit { object["commit"] = .string(commit) }
                fields["synced"] = .object(object)
            }
            if let pushing = record.pushing {
                fields["pushing"] = .object([
                    "commit": .string(pushing.commit), "common": .number(Double(pushing.common)),
                    "count": .number(Double(pushing.count)),
                ])
            }
            refs[key] = .object(fields)
        }
        let value: JSONValue = .object(["format": .number(Double(Self.currentFormat)), "refs": .object(refs)])
        let path = directory + "/" + Self.fileName
        do {
            try POSIXFile.writeAtomically(try CanonicalJSON.encode(value) + [0x0A], to: path)
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            throw .malformed(path: path, reason: "cannot encode the git sync state: \(error)")
        }
    }
}
