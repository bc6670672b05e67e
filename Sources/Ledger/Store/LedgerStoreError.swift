/// Why a ledger could not be read or written (as opposed to content that fails verification).
public enum LedgerStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No ledger at the location.
    case notFound(path: String)
    /// A system call failed.
    case io(path: String, operation: String, reason: String)
    /// Written by a newer Slipway.
    case newerFormat(path: String, found: Int, supported: Int)
    /// A settings or state file is not what this build writes.
    case malformed(path: String, reason: String)
    /// Published entries are missing from disk, so appending would build on a broken log.
    case refusingToAppend(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            "\(path): error: no ledger here; append an event first (slipway ledger append) or pass --ledger PATH"
        case .io(let path, let operation, let reason):
            "\(path): error: cannot \(operation) (\(reason)); check permissions and free space"
        case .newerFormat(let path, let found, let supported):
            "\(path): error: ledger format \(found) is newer than this slipway supports (\(supported)); upgrade slipway"
        case .malformed(let path, let reason):
            "\(path): error: \(reason); run 'slipway ledger verify' and see docs/ledger.md, 'Recovering'"
        case .refusingToAppend(let path, let reason):
            "\(path): error: not appending: \(reason); run 'slipway ledger verify' and see docs/ledger.md, 'Recovering'"
        }
    }
}

/// The first place a stored log differs from what was published: an entry changed, missing, reordered or
/// inserted, or a file cut short.
public struct LedgerIntegrityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The first index that is not what was published.
    public var index: UInt64
    /// What is wrong there.
    public var reason: String
    /// The file it is in, when the store has files.
    public var path: String?

    /// Creates an error.
    public init(index: UInt64, reason: String, path: String? = nil) {
        self.index = index
        self.reason = reason
        self.path = path
    }

    public var description: String {
        (path.map { "\($0): " } ?? "") + "error: entry \(index): \(reason)"
    }
}
