/// Where a context value comes from, which decides whether expanding it in a script is dangerous.
public enum ValueOrigin: Sendable, Hashable {
    /// Text anyone who can open an issue, comment or pull request controls.
    case attackerControlled
    /// A secret (`secrets.*`, `github.token`).
    case secret
    /// A workflow or action input; controlled by whoever triggers or calls the workflow.
    case input
    /// Output of a step or job, which may carry attacker text further.
    case output
    /// Something GitHub or the workflow author fixes (SHA, run id, repository name…).
    case trusted
    /// Anything else (env, matrix, vars…): not known to be attacker-controlled.
    case other
}

/// Classifies context paths such as `github.event.issue.title`.
public enum ContextClassifier {
    /// Suffixes under `github.event` that outsiders control (patterns use `*` for one segment).
    static let attackerControlledEventPaths: [String] = [
        "issue.title", "issue.body", "pull_request.title", "pull_request.body", "pull_request.head.ref",
        "pull_request.head.label", "pull_request.head.repo.default_branch", "pull_request.head.repo.description",
        "pull_request.head.repo.homepage", "comment.body", "review.body", "review_comment.body",
        "pages.*.page_name", "commits.*.message", "commits.*.author.email", "commits.*.author.name",
        "head_commit.message", "head_commit.author.email", "head_commit.author.name",
        "head_commit.committer.email", "head_commit.committer.name", "workflow_run.head_branch",
        "workflow_run.head_commit.message", "workflow_run.head_commit.author.email",
        "workflow_run.head_commit.author.name", "workflow_run.pull_requests.*.head.ref",
        "workflow_run.display_title", "discussion.title", "discussion.body", "check_suite.head_branch",
        "check_run.check_suite.head_branch", "merge_group.head_ref", "workflow_run.head_repository.description",
    ]

    /// `attackerControlledEventPaths` split into segments once, not on every classification.
    static let attackerControlledEventPatterns: [[String]] = attackerControlledEventPaths.map {
        $0.split(separator: ".").map(String.init)
    }

    /// The origin of a lowercased dotted context path.
    public static func origin(of path: String) -> ValueOrigin {
        let segments = path.splitASCII(".").map(String.init)
        guard let root = segments.first else { return .other }
        switch root {
        case "secrets":
            return .secret
        case "inputs":
            return .input
        case "steps", "needs", "jobs":
            return segments.contains("outputs") ? .output : .trusted
        case "github":
            guard segments.count >= 2 else { return .attackerControlled }
            switch segments[1] {
            case "token": return .secret
            case "head_ref": return .attackerControlled
            case "event":
                let rest = Array(segments.dropFirst(2))
                if rest.isEmpty { return .attackerControlled }
                if matchesAny(rest, attackerControlledEventPatterns) { return .attackerControlled }
                if rest.first == "client_payload" { return .attackerControlled }
                return .trusted
            default:
                return .trusted
            }
        case "env", "matrix", "vars", "runner", "strategy", "job":
            return .other
        default:
            return .other
        }
    }

    /// Whether the path is text an outsider controls.
    public static func isAttackerControlled(_ path: String) -> Bool {
        origin(of: path) == .attackerControlled
    }

    private static func matchesAny(_ segments: [String], _ patterns: [[String]]) -> Bool {
        for parts in patterns {
            // A pattern matches the path itself or any prefix of it (`issue.body` covers nothing deeper, but
            // `*` matches any one segment, and the whole object under `pull_request.head.ref` is text).
            guard segments.count >= parts.count else {
                // `github.event.commits` as a whole object (toJSON) contains attacker text.
                if zip(parts, segments).allSatisfy({ $0 == "*" || $0 == $1 }) && !segments.isEmpty
                    && segments.count < parts.count
                {
                    return true
                }
                continue
            }
            if zip(parts, segments).allSatisfy({ $0 == "*" || $0 == $1 }) { return true }
        }
        return false
    }
}
