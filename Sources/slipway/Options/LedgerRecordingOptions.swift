import ArgumentParser
import Ledger
import Signing
import SlipwayCore

/// `--ledger` / `--no-ledger` on every command that records its event in the release ledger, and the one call
/// (`record`) that does it.
///
/// An event is recorded when `--ledger PATH` is given or `slipway.yml` has a `ledger:` section, unless
/// `--no-ledger`. With `SLIPWAY_SECRET_KEY` set (its password in `SLIPWAY_KEY_PASSWORD` when encrypted) a checkpoint
/// is signed after the event.
struct LedgerRecordingOptions: ParsableArguments {
    @Option(
        name: .customLong("ledger"),
        help: ArgumentHelp(
            "Record this step's event in this ledger, a directory or postgres:// URL.",
            discussion: "Default: ledger: in slipway.yml; with neither, nothing is recorded."
        )
    )
    var ledger: String?

    @Flag(name: .customLong("no-ledger"), help: "Record no ledger event, even when slipway.yml configures a ledger.")
    var noLedger = false

    func validate() throws {
        if noLedger, ledger != nil { throw ValidationError("--ledger and --no-ledger contradict each other") }
    }
}

/// Where a step records its ledger event: `--ledger PATH`, `--no-ledger`, or neither (then `slipway.yml` decides).
///
/// `LedgerRecordingOptions` is the choice as swift-argument-parser parses it; `LedgerRecording` the same choice as a
/// plain value, for a command line read directly (`PlainCommandLine`). Both record through `record`.
protocol LedgerRecordingChoice: Sendable {
    var ledger: String? { get }
    var noLedger: Bool { get }
}

/// `--ledger` / `--no-ledger` as a plain value.
struct LedgerRecording: LedgerRecordingChoice, Equatable {
    var ledger: String?
    var noLedger = false

    /// A choice; by default neither flag, so `slipway.yml` decides.
    init(ledger: String? = nil, noLedger: Bool = false) {
        self.ledger = ledger
        self.noLedger = noLedger
    }

    /// The choice swift-argument-parser parsed.
    init(_ options: LedgerRecordingOptions) {
        ledger = options.ledger
        noLedger = options.noLedger
    }

    /// Reads `--ledger` and `--no-ledger` from a plain command line; nil when both are given (a usage error that
    /// swift-argument-parser reports).
    init?(_ reading: PlainCommandLine.Reading) {
        ledger = reading.value("--ledger")
        noLedger = reading.flags.contains("--no-ledger")
        if noLedger, ledger != nil { return nil }
    }

    /// The spellings `init?(_:)` reads.
    static let plainOptions: [PlainCommandLine.Option] = [.value("--ledger"), .flag("--no-ledger")]
}

extension LedgerRecordingOptions: LedgerRecordingChoice {}

extension LedgerRecordingChoice {
    /// Records one event of `kind` when a ledger is configured, and says so on stderr; does nothing otherwise.
    ///
    /// `subject.version` defaults to `SLIPWAY_RELEASE_VERSION` (export it after `slipway version` so that scans and
    /// signatures are filed under the release) and `subject.project` to the repository name.
    ///
    /// - Parameters:
    ///   - configuration: the command's loaded `slipway.yml`, when it loaded one (else it is searched for upward from
    ///     the current directory).
    ///   - inputs: the digests of what the step read, evaluated only when an event is recorded.
    ///   - outputs: the digests of what the step wrote, evaluated only when an event is recorded.
    /// - Throws: `LedgerRecordingError` when a ledger is configured but the event could not be appended: the step's
    ///   own output is already written, and the error says how to record the event by hand.
    func record(
        _ kind: EventKind,
        _ context: SlipwayContext,
        configuration: SlipwayConfiguration? = nil,
        subject: EventSubject = EventSubject(),
        inputs: @autoclosure () throws -> [EventDigest] = [],
        outputs: @autoclosure () throws -> [EventDigest] = [],
        result: String? = nil,
        details: JSONValue? = nil
    ) async throws {
        guard !noLedger else { return }
        let loaded = try configuration ?? ProjectConfiguration.load(near: ".", explicit: nil, context: context)
        guard ledger != nil || loaded.ledger != nil else { return }
        let settings = try LedgerSettings.decode(loaded)
        guard ledger != nil || settings.record else { return }
        let location = ledger ?? settings.url ?? settings.path ?? LedgerSettings.defaultPath
        let store = try LedgerLocationOptions.store(location, context)
        let path = store.location
        // The digests are taken only now that an event will be recorded: hashing every input and output cost
        // commands without a ledger (nearly all runs) a millisecond or more.
        let inputs = try inputs()
        let outputs = try outputs()
        do {
            let recorder = try await recorder(store: store, settings: settings, context)
            let event = try recorder.event(
                kind,
                subject: subject,
                inputs: inputs,
                outputs: outputs,
                result: result,
                details: details
            )
            let outcome = try await recorder.record(event)
            context.output.writeError(
                "recorded \(kind) at ledger index \(outcome.firstIndex) (\(path), tree size \(outcome.size)"
                    + (outcome.checkpoint == nil ? ", no checkpoint signed" : ", checkpoint signed") + ")\n"
            )
        } catch {
            throw LedgerRecordingError(kind: kind, ledger: path, reason: "\(error)")
        }
    }

    private func recorder(
        store: any LedgerStore,
        settings: LedgerSettings,
        _ context: SlipwayContext
    ) async throws -> EventRecorder {
        let ledger = Ledger(store: store)
        let origin =
            try await ledger.store.manifest()?.origin ?? settings.origin
            ?? Slipway.LedgerAppend.defaultOrigin(context.environment)
        var defaults = await Slipway.LedgerAppend.eventDefaults(context)
        if defaults.actor == nil { defaults.actor = "unknown" }
        let version = context.environment["SLIPWAY_RELEASE_VERSION"].flatMap { $0.isEmpty ? nil : $0 }
        let project = context.environment["GITHUB_REPOSITORY"].flatMap {
            $0.split(separator: "/").last.map(String.init)
        }
        defaults.subject = EventSubject(project: project, version: version)
        var signer: (any CheckpointSigner)?
        if !(context.environment[SigningKeySource.secretKeyVariable] ?? "").isEmpty {
            // No prompt here: a recording step runs unattended, so an encrypted key needs SLIPWAY_KEY_PASSWORD.
            let source = try SigningKeySource.resolve(secretKeyPath: nil, environment: context.environment)
            let key = try source.load(fileSystem: context.fileSystem, environment: context.environment) {
                try SigningPassword.resolve(
                    passwordFile: nil,
                    environment: context.environment,
                    fileSystem: context.fileSystem,
                    prompt: nil
                )
            }
            signer = try Ed25519CheckpointSigner(name: origin, privateKey: key.signingKey)
        }
        return EventRecorder(ledger: ledger, origin: origin, signer: signer, defaults: defaults)
    }
}

/// A step did its work but its ledger event could not be recorded.
struct LedgerRecordingError: Error, CustomStringConvertible {
    var kind: EventKind
    var ledger: String
    var reason: String

    var description: String {
        "\(ledger): error: the step's output was written, but its \(kind) event was not recorded: \(reason). Fix the "
            + "ledger (`slipway ledger verify` says what is wrong) and run the step again, or record the event with "
            + "`slipway ledger append --kind \(kind) …`"
    }
}

extension LedgerRecordingOptions {
    /// The digests of files a step read (lockfiles, artifacts), named by their paths as given.
    static func digests(ofFiles paths: [String], _ context: SlipwayContext) throws -> [EventDigest] {
        try paths.map { try EventDigest.sha256(fileAt: $0, fileSystem: context.fileSystem, name: $0) }
    }

    /// The digest of a document a step produced, named by the file it was written to (unnamed when it went to
    /// stdout: then it is evidence by digest only).
    static func digest(of document: String, writtenTo path: String?) -> EventDigest {
        EventDigest.sha256(of: document.utf8, name: path)
    }

    /// The scan verdict as an event result.
    static func verdict(failed: Bool) -> String { failed ? "fail" : "pass" }
}
