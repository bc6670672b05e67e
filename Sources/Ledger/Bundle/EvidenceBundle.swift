import Crypto
public import SlipwayCore

/// An auditor's evidence bundle for one release: its events, each with an inclusion proof against the newest signed
/// checkpoint, that checkpoint, and the files the events reference when they are at hand and match their digests.
///
/// The bundle is a reproducible tar file that can be checked without the ledger: `sha256sum -c SHA256SUMS` and
/// `slipway ledger verify-proof proofs/N.json --key ledger.pub` (see its README.md).
public struct EvidenceBundle: Sendable {
    /// The archive's bytes.
    public var archive: [UInt8]
    /// What the archive holds.
    public var manifest: EvidenceBundleManifest
    /// Things an auditor should know (events not covered by a checkpoint, referenced files left out).
    public var warnings: [String]

    /// What to put in a bundle.
    public struct Request: Sendable {
        /// The release version (`subject.version`) whose events to collect.
        public var version: String
        /// Only events of this project, when set (monorepos).
        public var project: String?
        /// The directory relative file names in events are resolved against.
        public var baseDirectory: String
        /// Referenced files larger than this are listed but not copied.
        public var maxFileSize: Int
        /// The modification time of every archive member (seconds since 1970; `SOURCE_DATE_EPOCH` for
        /// reproducible bundles).
        public var modificationTime: Int

        /// Creates a request.
        public init(
            version: String,
            project: String? = nil,
            baseDirectory: String,
            maxFileSize: Int = 100 << 20,
            modificationTime: Int
        ) {
            self.version = version
            self.project = project
            self.baseDirectory = baseDirectory
            self.maxFileSize = maxFileSize
            self.modificationTime = modificationTime
        }
    }

    /// The top-level directory inside the archive.
    public static func directoryName(version: String) -> String {
        let safe = version.map { $0.isLetter || $0.isNumber || "._+-".contains($0) ? $0 : "_" }
        return "evidence-" + String(safe)
    }

    /// Collects the events of `request.version` and builds the bundle.
    ///
    /// An event belongs to the release when its `subject.version` is the version, or when it has no version and
    /// comes from the same workflow run (`source.run`) as an event that has it (a scan or a signature made in the
    /// release run before the version was exported).
    ///
    /// - Throws: `EvidenceBundleError.noEvents` when the ledger has none for the version; what reading the ledger
    ///   throws (a damaged ledger is never bundled).
    public static func build(
        _ ledger: Ledger,
        request: Request,
        fileSystem: any FileSystem
    ) async throws -> EvidenceBundle {
        guard let manifestSettings = try await ledger.store.manifest() else {
            throw LedgerStoreError.notFound(path: ledger.store.location)
        }
        var tree = MerkleTree()
        var all: [(index: UInt64, event: LedgerEvent, entry: [UInt8])] = []
        _ = try await ledger.store.read { record in
            tree.append(leafHash: record.leafHash)
            let event = try Ledger.decode(record)
            if request.project == nil || event.subject.project == request.project {
                all.append((record.index, event, Array(record.entry)))
            }
        }
        let runs = Set(all.compactMap { $0.event.subject.version == request.version ? $0.event.source.runURL : nil })
        let selected = all.filter { item in
            if let version = item.event.subject.version { return version == request.version }
            return item.event.source.runURL.map(runs.contains) ?? false
        }
        guard !selected.isEmpty else {
            throw EvidenceBundleError.noEvents(version: request.version, ledger: ledger.store.location)
        }

        let checkpoint = try await ledger.store.checkpoints().max { $0.size < $1.size }
        let root = directoryName(version: request.version)
        var warnings: [String] = []
        var members: [(path: String, contents: [UInt8])] = []
        var eventRecords: [EvidenceBundleManifest.Event] = []
        var uncovered: [UInt64] = []
        var jsonLines: [UInt8] = []
        for item in selected {
            jsonLines += item.entry + [0x0A]
            let coveringSize = checkpoint.flatMap { item.index < $0.size ? $0.size : nil }
            let covered = coveringSize != nil
            let size = coveringSize ?? tree.size
            if !covered { uncovered.append(item.index) }
            let proof = try tree.inclusionProof(index: item.index, size: size)
            let document = InclusionProofDocument(
                format: InclusionProofDocument.formatName,
                origin: manifestSettings.origin,
                leafIndex: item.index,
                treeSize: size,
                entry: String(decoding: item.entry, as: UTF8.self),
                leafHash: LedgerProofs.base64(tree.leafHashes[Int(item.index)]),
                auditPath: proof.map(LedgerProofs.base64),
                rootHash: LedgerProofs.base64(try tree.rootHash(size: size)),
                checkpoint: covered ? checkpoint?.note : nil
            )
            let proofPath = "proofs/\(item.index).json"
            members.append((proofPath, Array(try JSONOutput.string(document).utf8)))
            eventRecords.append(
                EvidenceBundleManifest.Event(
                    index: item.index,
                    kind: item.event.kind.rawValue,
                    time: item.event.time.text,
                    actor: item.event.actor,
                    environment: item.event.subject.environment,
                    result: item.event.result,
                    proof: proofPath,
                    coveredByCheckpoint: covered
                )
            )
        }
        if let checkpoint, !uncovered.isEmpty {
            warnings.append(
                "entries \(uncovered.map(String.init).joined(separator: ", ")) are newer than the latest checkpoint "
                    + "(size \(checkpoint.size)); their proofs are against the unsigned current tree (sign a "
                    + "checkpoint with `slipway ledger append --secret-key …`, then bundle again)"
            )
        } else if checkpoint == nil {
            warnings.append(
                "the ledger has no signed checkpoint: the proofs' roots are unsigned (append with --secret-key, then "
                    + "bundle again)"
            )
        }

        var files: [EvidenceBundleManifest.File] = []
        var missing: [EvidenceBundleManifest.MissingFile] = []
        var usedPaths: Set<String> = []
        var seen: Set<String> = []
        for item in selected {
            for digest in item.event.inputs + item.event.outputs {
                guard let name = digest.name, seen.insert(name + "\u{0}" + digest.digest).inserted else { continue }
                let outcome = collect(
                    digest,
                    name: name,
                    index: item.index,
                    request: request,
                    fileSystem: fileSystem,
                    usedPaths: &usedPaths
                )
                switch outcome {
                case .included(let path, let contents):
                    members.append((path, contents))
                    files.append(.init(path: path, name: name, digest: digest.digest, event: item.index))
                case .missing(let reason):
                    missing.append(.init(name: name, digest: digest.digest, event: item.index, reason: reason))
                case .notAFile:
                    break
                }
            }
        }
        if !missing.isEmpty {
            warnings.append("\(missing.count) referenced file(s) not included; manifest.json says why")
        }

        let manifest = EvidenceBundleManifest(
            format: EvidenceBundleManifest.formatName,
            version: request.version,
            project: request.project,
            origin: manifestSettings.origin,
            checkpointSize: checkpoint?.size,
            treeSize: tree.size,
            events: eventRecords,
            files: files,
            missingFiles: missing
        )
        members.append(("events.jsonl", jsonLines))
        if let checkpoint { members.append(("checkpoint", Array(checkpoint.note.utf8))) }
        members.append(("manifest.json", Array(try JSONOutput.string(manifest).utf8)))
        members.append(("README.md", Array(readme(manifest).utf8)))
        members.sort { $0.path < $1.path }
        var sums = ""
        for member in members {
            sums += Hex.encode(Array(SHA256.hash(data: member.contents))) + "  " + member.path + "\n"
        }
        members.append(("SHA256SUMS", Array(sums.utf8)))

        var archive = TarArchive(modificationTime: request.modificationTime)
        for member in members {
            do {
                try archive.addFile(path: root + "/" + member.path, contents: member.contents)
            } catch {
                throw EvidenceBundleError.unarchivableName(error.path)
            }
        }
        return EvidenceBundle(archive: archive.finished, manifest: manifest, warnings: warnings)
    }

    private enum Collected {
        case included(path: String, contents: [UInt8])
        case missing(reason: String)
        case notAFile
    }

    /// Reads a referenced file when it is a plain relative or absolute path that exists and matches its sha256.
    private static func collect(
        _ digest: EventDigest,
        name: String,
        index: UInt64,
        request: Request,
        fileSystem: any FileSystem,
        usedPaths: inout Set<String>
    ) -> Collected {
        // Package URLs, image references and other non-path names are evidence by digest only.
        if name.hasPrefix("pkg:") || name.contains("://") || name.contains("@sha256:") { return .notAFile }
        let path = name.hasPrefix("/") ? name : PathUtilities.join(request.baseDirectory, name)
        guard let kind = fileSystem.itemKind(at: path) else { return .missing(reason: "not found at \(name)") }
        guard kind != .directory else { return .notAFile }
        guard let expected = digest.sha256Hex else {
            return .missing(reason: "only sha256 digests are checked; \(digest.digest.prefix(7))… was not")
        }
        let contents: [UInt8]
        do { contents = try fileSystem.readFile(at: path) } catch { return .missing(reason: "\(error)") }
        guard contents.count <= request.maxFileSize else {
            return .missing(reason: "\(contents.count) bytes, over the \(request.maxFileSize)-byte limit")
        }
        guard Hex.encode(Array(SHA256.hash(data: contents))) == expected else {
            return .missing(reason: "the file at \(name) no longer has the recorded digest (changed since the event)")
        }
        let base = PathUtilities.lastComponent(of: name)
        var candidate = "files/" + base
        if !usedPaths.insert(candidate).inserted {
            candidate = "files/\(expected.prefix(12))-\(base)"
            usedPaths.insert(candidate)
        }
        return .included(path: candidate, contents: contents)
    }

    static func readme(_ manifest: EvidenceBundleManifest) -> String {
        var text = """
            # Evidence bundle: \(manifest.project.map { "\($0) " } ?? "")\(manifest.version)

            The release events of version \(manifest.version) in the ledger `\(manifest.origin)`, each with an RFC 9162
            inclusion proof, the signed checkpoint the proofs are against, and the files the events reference.

            Check it without the ledger:

                sha256sum -c SHA256SUMS
                for proof in proofs/*.json; do slipway ledger verify-proof "$proof" --key ledger.pub; done

            `manifest.json` lists the events (index, kind, time, actor, result), the files copied under `files/` with
            the event that recorded their digest, and referenced files that were not included and why.

            """
        if let size = manifest.checkpointSize {
            text += "The checkpoint covers the first \(size) entries of a log of \(manifest.treeSize).\n"
        } else {
            text += "WARNING: the ledger had no signed checkpoint; the proofs' roots are not signed.\n"
        }
        let uncovered = manifest.events.filter { !$0.coveredByCheckpoint }.map { String($0.index) }
        if manifest.checkpointSize != nil, !uncovered.isEmpty {
            text += "WARNING: entries \(uncovered.joined(separator: ", ")) are newer than the checkpoint.\n"
        }
        return text
    }
}

/// `manifest.json` of an evidence bundle.
public struct EvidenceBundleManifest: Codable, Sendable, Equatable {
    /// The value of `format`.
    public static let formatName = "slipway-evidence-bundle/v1"

    /// One bundled event.
    public struct Event: Codable, Sendable, Equatable {
        public var index: UInt64
        public var kind: String
        public var time: String
        public var actor: String
        public var environment: String?
        public var result: String?
        /// The inclusion proof file inside the bundle.
        public var proof: String
        /// Whether the proof is against the signed checkpoint (else against the unsigned current tree).
        public var coveredByCheckpoint: Bool
    }

    /// A referenced file copied into the bundle.
    public struct File: Codable, Sendable, Equatable {
        /// Its path inside the bundle.
        public var path: String
        /// The name the event recorded.
        public var name: String
        public var digest: String
        /// The index of the event that recorded it.
        public var event: UInt64
    }

    /// A referenced file left out, and why.
    public struct MissingFile: Codable, Sendable, Equatable {
        public var name: String
        public var digest: String
        public var event: UInt64
        public var reason: String
    }

    public var format: String
    public var version: String
    public var project: String?
    public var origin: String
    /// The size of the checkpoint the proofs are against, `nil` when the ledger has none.
    public var checkpointSize: UInt64?
    /// The log's size when the bundle was made.
    public var treeSize: UInt64
    public var events: [Event]
    public var files: [File]
    public var missingFiles: [MissingFile]
}

/// Why a bundle could not be made.
public enum EvidenceBundleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No event has the version.
    case noEvents(version: String, ledger: String)
    /// A member name cannot be stored in a tar file.
    case unarchivableName(String)

    public var description: String {
        switch self {
        case .noEvents(let version, let ledger):
            "\(ledger): no events for version \(version) (check the version with `slipway ledger show`, or "
                + "record events with subject.version set)"
        case .unarchivableName(let path):
            "cannot store '\(path)' in a tar archive (a name over 255 bytes or with '..'); rename the file"
        }
    }
}
