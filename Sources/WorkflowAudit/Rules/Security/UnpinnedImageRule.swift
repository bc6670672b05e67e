import SlipwayCore

/// Finds container, service and `docker://` images that are not pinned to a digest.
struct UnpinnedImageRule: AuditRule {
    struct Options: RuleOptions {
        /// Whether a tagged image without a digest is reported; when `false`, only untagged and `latest` images are.
        var requireDigest: Bool = true

        init() {}

        enum CodingKeys: String, CodingKey {
            case requireDigest = "require-digest"
        }
    }

    static let metadata = RuleMetadata(
        id: "unpinned-image",
        name: "Unpinned Image",
        area: .security,
        severity: .medium,
        confidence: .high,
        summary: "A job container, service or `docker://` step uses an image that is not pinned to a digest.",
        rationale: """
            Tags are mutable: whoever controls the image repository (or steals its credentials) can push new \
            content under `:latest` or `:1.4`, and the next run executes it with the job's token and secrets. \
            Pinning by digest (`image:tag@sha256:…`) makes the job run exactly the image you reviewed; keep the \
            tag for readability and let Dependabot or Renovate update the digest. Images without a tag or on \
            `latest` are reported as high: they change all the time and make builds irreproducible. Set \
            `require-digest: false` to report only those.
            """,
        fixBefore: """
            container:
              image: node:20
            """,
        fixAfter: """
            container:
              image: node:20@sha256:d7ab3e5e7c6f1c5b2f3a1e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    container: ↓node:20
                    services:
                      redis:
                        image: ↓redis
                    steps:
                      - uses: ↓docker://alpine:latest
                """
            ),
            RuleExample(
                """
                on: push
                jobs:
                  test:
                    strategy:
                      matrix:
                        image:
                          - ↓swift:6.1
                          - swift@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9
                    runs-on: ubuntu-latest
                    container:
                      image: ${{ matrix.image }}
                    steps:
                      - run: swift test
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    container:
                      image: node:20@sha256:d7ab3e5e7c6f1c5b2f3a1e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b
                    services:
                      app:
                        image: ${{ needs.build.outputs.image }}
                    steps:
                      - uses: docker://alpine@sha256:0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9
                """
            )
        ]
    )

    let options: Options

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        func inspect(_ image: String, at position: SourcePosition, owner: String) {
            guard let problem = Self.problem(with: image) else { return }
            switch problem {
            case .mutableTag:
                findings.append(
                    context.finding(in: file, at: position, .mutable(image: image, owner: owner), severity: .high)
                )
            case .notDigestPinned:
                guard options.requireDigest else { return }
                findings.append(context.finding(in: file, at: position, .tagOnly(image: image, owner: owner)))
            }
        }
        func inspect(_ node: YAMLNode?, job: Job, owner: String) {
            guard let scalar = node?.scalar, !scalar.isNull else { return }
            if let values = SupplyChainSupport.matrixValues(of: scalar.value, in: job) {
                for value in values.compactMap(\.scalar) where !value.isNull {
                    inspect(value.value, at: value.position, owner: owner)
                }
            } else if !scalar.value.containsBytes("${{") {
                inspect(scalar.value, at: scalar.position, owner: owner)
            }
        }
        for job in file.jobs {
            if let container = job.container {
                let image = container.mapping.map { $0["image"] } ?? container
                inspect(image, job: job, owner: "the container of job '\(job.id.value)'")
            }
            for service in job.services?.entries ?? [] {
                inspect(
                    service.value.mapping?["image"],
                    job: job,
                    owner: "service '\(service.key.value)' of job '\(job.id.value)'"
                )
            }
        }
        for (job, step) in file.allSteps {
            guard let uses = step.uses, case .docker(let image) = step.usesReference,
                !image.containsBytes("${{")
            else { continue }
            let owner = "step '\(step.label)'" + (job.map { " in job '\($0.id.value)'" } ?? "")
            inspect(image, at: uses.position, owner: owner)
        }
        if let image = file.action?.image, case .docker(let name) = ActionReference(image.value),
            !name.containsBytes("${{")
        {
            inspect(name, at: image.position, owner: "the action")
        }
        return findings
    }

    enum Problem {
        /// No tag or `latest`.
        case mutableTag
        /// A tag, but no digest.
        case notDigestPinned
    }

    /// What is wrong with an image reference, if anything.
    static func problem(with image: String) -> Problem? {
        let trimmed = image.trimmingWhitespace()
        guard !trimmed.isEmpty, !trimmed.contains("@") else { return nil }
        let lastComponent = trimmed.split(separator: "/").last ?? Substring(trimmed)
        guard let colon = lastComponent.lastIndex(of: ":") else { return .mutableTag }
        let tag = lastComponent[lastComponent.index(after: colon)...]
        return tag.isEmpty || tag.lowercased() == "latest" ? .mutableTag : .notDigestPinned
    }
}

extension String {
    fileprivate static func mutable(image: String, owner: String) -> String {
        "\(owner) uses image `\(image)` without a tag or on `latest`, which changes under you; pin it to a "
            + "version and digest (`name:1.2.3@sha256:…`)"
    }

    fileprivate static func tagOnly(image: String, owner: String) -> String {
        "\(owner) uses image `\(image)` by tag only; tags can be moved to other content, so pin the digest too "
            + "(`\(image)@sha256:…`) and let Dependabot or Renovate update it"
    }
}
