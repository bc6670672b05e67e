import SlipwayCore

extension ReleasePlan {
    /// The plan as `JSONOutput.string(plan)` writes it, byte for byte, without `JSONEncoder`.
    ///
    /// Pretty-printed, sorted keys, slashes unescaped, one final newline. With thousands of commits the encoder's
    /// boxing and key sorting cost more than planning the release. Tests compare both on random plans.
    public func jsonText() -> String {
        var json = JSONWriter(capacity: 4096 + changelogSection.utf8.count + releaseNotes.utf8.count)
        json.object { json in
            json.field("changelogSection", changelogSection)
            json.field("commitMessage", commitMessage)
            json.key("commits")
            json.array(commits) { json, reason in
                json.object { json in
                    json.field("contributes", reason.contributes.rawValue)
                    json.field("hash", reason.hash)
                    json.field("header", reason.header)
                    json.field("why", reason.why)
                }
            }
            json.key("files")
            json.array(files) { json, file in json.object { $0.field("path", file.path) } }
            json.field("issueKeys", issueKeys)
            json.field("nextVersion", nextVersion)
            json.field("previousTag", previousTag)
            json.field("previousVersion", previousVersion)
            json.field("releaseNotes", releaseNotes)
            json.field("releaseType", releaseType?.rawValue)
            json.field("summary", summary)
            json.field("tag", tag)
            json.field("unparsedCommits", unparsedCommits)
            json.field("warnings", warnings)
        }
        return json.finish()
    }
}
