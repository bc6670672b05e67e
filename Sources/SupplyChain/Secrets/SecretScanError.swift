/// Why a secret scan could not run on its input; each case says where and what to do.
///
/// None carries a secret.
public enum SecretScanError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case notARepository(path: String)
    case git(arguments: [String], reason: String)
    case baselineMalformed(path: String, reason: String)
    case gitleaks(path: String, line: Int, column: Int, reason: String)
    case historyOutsideRepository(path: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            "\(path): error: no such file or directory; check the path to scan"
        case .notARepository(let path):
            "\(path): error: not inside a git repository; --git-range and --since-tag need one (or drop them)"
        case .git(let arguments, let reason):
            "error: `\(arguments.joined(separator: " "))` failed: \(reason); check the range and that git is installed"
        case .baselineMalformed(let path, let reason):
            "\(path): error: not a slipway secrets baseline (\(reason)); regenerate it with --write-baseline"
        case .gitleaks(let path, let line, let column, let reason):
            "\(path):\(line):\(column): error: \(reason)"
        case .historyOutsideRepository(let path):
            "\(path): error: history scanning needs a directory inside a git work tree"
        }
    }
}
