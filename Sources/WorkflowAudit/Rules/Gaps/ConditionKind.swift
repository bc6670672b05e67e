import SlipwayCore

/// What an `if:` condition says about when its job or step runs, as far as failure handling is concerned.
enum ConditionKind {
    /// The condition text without spaces and quotes normalised, lowercased.
    private static func normalized(_ text: String) -> String {
        String(text.lowercased().filter { $0 != " " && $0 != "\t" && $0 != "\n" }).replacingQuotes()
    }

    /// Whether the condition runs on failure: `failure()`, `!success()`, or a `job.status`/`needs.*.result`
    /// comparison with `'failure'`.
    static func runsOnFailure(_ text: String?) -> Bool {
        guard let text else { return false }
        let condition = normalized(text)
        return condition.contains("failure()") || condition.contains("!success()")
            || condition.contains("=='failure'") || condition.contains("!='success'")
    }

    /// Whether the condition runs whatever the outcome: `always()` or `!cancelled()`.
    static func runsAlways(_ text: String?) -> Bool {
        guard let text else { return false }
        let condition = normalized(text)
        return condition.contains("always()") || condition.contains("!cancelled()")
    }
}

extension String {
    /// The text with double quotes turned into single quotes, so `"failure"` and `'failure'` compare equal.
    fileprivate func replacingQuotes() -> String {
        String(map { $0 == "\"" ? "'" : $0 })
    }
}
