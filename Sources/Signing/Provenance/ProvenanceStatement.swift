public import SlipwayCore

#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Builds in-toto Statement v1 documents carrying an SLSA provenance v1 predicate.
public enum ProvenanceStatement {
    /// The in-toto statement `_type`.
    public static let statementType = "https://in-toto.io/Statement/v1"
    /// The SLSA provenance v1 `predicateType`.
    public static let slsaProvenanceV1 = "https://slsa.dev/provenance/v1"

    /// The statement for `subjects` built as `parameters` describe, as a JSON value.
    ///
    /// - Parameters:
    ///   - startedOn: when the build (or the attestation step) started; `finishedOn` when it ended.
    ///   - builderVersion: recorded as `runDetails.builder.version.slipway` when given.
    public static func statement(
        subjects: [ArtifactSubject],
        parameters: ProvenanceParameters,
        startedOn: Date,
        finishedOn: Date,
        builderVersion: String? = nil
    ) -> JSONValue {
        let workflow: [String: JSONValue] = [
            "ref": .string(parameters.ref),
            "repository": .string(parameters.repositoryURL),
            "path": .string(parameters.workflowPath),
        ]
        var externalParameters: [String: JSONValue] = ["workflow": .object(workflow)]
        if !parameters.inputs.isEmpty { externalParameters["inputs"] = .object(parameters.inputs) }

        var buildDefinition: [String: JSONValue] = [
            "buildType": .string(parameters.buildType),
            "externalParameters": .object(externalParameters),
            "resolvedDependencies": .array([
                .object([
                    "uri": .string("git+\(parameters.repositoryURL)@\(parameters.ref)"),
                    "digest": .object(["gitCommit": .string(parameters.commit)]),
                ])
            ]),
        ]
        if !parameters.gitHubContext.isEmpty {
            buildDefinition["internalParameters"] = .object([
                "github": .object(parameters.gitHubContext.mapValues { .string($0) })
            ])
        }

        var builder: [String: JSONValue] = ["id": .string(parameters.builderID)]
        if let builderVersion { builder["version"] = .object(["slipway": .string(builderVersion)]) }
        var metadata: [String: JSONValue] = [
            "startedOn": .string(RFC3339.string(startedOn)),
            "finishedOn": .string(RFC3339.string(finishedOn)),
        ]
        if let invocationID = parameters.invocationID { metadata["invocationId"] = .string(invocationID) }

        return .object([
            "_type": .string(statementType),
            "subject": .array(
                subjects.map { subject in
                    .object(["name": .string(subject.name), "digest": .object(["sha256": .string(subject.sha256)])])
                }
            ),
            "predicateType": .string(slsaProvenanceV1),
            "predicate": .object([
                "buildDefinition": .object(buildDefinition),
                "runDetails": .object(["builder": .object(builder), "metadata": .object(metadata)]),
            ]),
        ])
    }
}
