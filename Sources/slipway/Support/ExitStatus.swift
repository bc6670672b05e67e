import Ledger
import LedgerPostgres
import Signing
import SlipwayCore
import SupplyChain
import Versioning
import WorkflowAudit

/// Every exit status slipway uses, in one place.
enum ExitStatus: Int32, Sendable {
    /// Nothing at or above the fail threshold.
    case success = 0
    /// Findings at or above `--fail-on`.
    case findings = 1
    /// Unreadable or invalid input or configuration.
    case inputError = 2
    /// Bad command-line usage (ArgumentParser's own code).
    case usage = 64
    /// A bug in slipway.
    case internalError = 70

    /// Prints `error` as a user-facing message on stderr and picks its status.
    static func report(_ error: any Error, to output: any OutputSink) -> ExitStatus {
        switch error {
        case is ConfigurationError, is FileSystemError, is AuditError, is WorkflowParseError, is YAMLLoadError,
            is ReleaseError, is GitError, is VersionFileError, is AdvisoryDatabaseError, is AdvisoryIndexError,
            is LockfileError, is OSVOnlineError, is SigningError, is ChecksumError, is ProvenanceError,
            is LedgerStoreError, is LedgerIntegrityError, is LedgerEntryError, is EventInputError, is SecretScanError,
            is LedgerRecordingError, is EvidenceBundleError, is PostgresLedgerError:
            // Each of these says where and what to do in its description (`path:line:col: error: …`).
            output.writeError("\(error)\n")
            return .inputError
        case is EventError, is CheckpointError, is MerkleProofError, is ProofDocumentError, is CanonicalJSONError:
            // Ledger errors without a file of their own (a key, a proof's arithmetic, an event built from flags).
            output.writeError("error: \(error)\n")
            return .inputError
        case let error as BumpError:
            output.writeError("error: \(error)\n")
            return .inputError
        default:
            output.writeError(
                "error: \(error)\nThis is a bug in slipway; please report it with the command you ran and the output above.\n"
            )
            return .internalError
        }
    }
}
