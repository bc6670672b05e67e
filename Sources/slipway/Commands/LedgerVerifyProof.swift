import ArgumentParser
import Foundation
import Ledger
import SlipwayCore

extension Slipway {
    /// `slipway ledger verify-proof`: checks a proof document without the ledger.
    struct LedgerVerifyProof: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-proof",
            abstract: "Check an inclusion or consistency proof document without the ledger.",
            discussion: """
                Recomputes the root from the proof (RFC 9162 §2.1.3.2, §2.1.4.2) and, with --key, checks that \
                the root and size are those of a checkpoint signed by that key. Without --key only the \
                arithmetic is checked.

                Examples:
                  slipway ledger verify-proof proof.json --key ledger.pub
                  slipway ledger prove --index 3 | slipway ledger verify-proof - --key ledger.pub

                Exit status: 0 the proof holds; 1 it does not; 2 unreadable proof or key.
                """
        )

        @Argument(help: "The proof file, or - for stdin.")
        var proof: String

        @OptionGroup var keys: LedgerKeyOptions

        @Option(name: .long, help: "Path to slipway.yml (for ledger.public-key).")
        var config: String?

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let bytes = try context.fileSystem.readFile(at: proof == "-" ? "/dev/stdin" : proof)
            let value: JSONValue
            do { value = try JSONParser.parse(bytes) } catch {
                throw EventInputError.json(path: proof, error: error)
            }
            guard case .object(let members) = value, case .string(let format) = members["format"],
                case .string(let origin) = members["origin"]
            else { throw ProofDocumentError.invalid("\(proof) has no 'format' and 'origin'") }
            let configuration = try ProjectConfiguration.load(near: ".", explicit: config, context: context)
            let settings = try LedgerSettings.decode(configuration)
            let verifiers = try keys.verifiers(origin: origin, settings: settings, context: context)
            if verifiers.isEmpty {
                context.output.writeError(
                    "warning: no --key: only the proof's arithmetic is checked, not who signed the root\n"
                )
            }
            let decoder = JSONDecoder()
            do {
                switch format {
                case InclusionProofDocument.formatName:
                    let document = try decoder.decode(InclusionProofDocument.self, from: Data(bytes))
                    try LedgerProofs.verify(document, verifiers: verifiers)
                    context.output.write(
                        "verified: entry \(document.leafIndex) is in \(origin) at tree size \(document.treeSize)\n"
                    )
                case ConsistencyProofDocument.formatName:
                    let document = try decoder.decode(ConsistencyProofDocument.self, from: Data(bytes))
                    try LedgerProofs.verify(document, verifiers: verifiers)
                    context.output.write(
                        "verified: \(origin) at size \(document.secondSize) extends size \(document.firstSize)\n"
                    )
                default:
                    throw ProofDocumentError.unknownFormat(format)
                }
            } catch let error as DecodingError {
                throw ProofDocumentError.invalid("\(proof) does not fit its format (\(error))")
            } catch let error as MerkleProofError {
                context.output.write("FAILED: \(proof): \(error)\n")
                return .findings
            } catch let error as CheckpointError {
                context.output.write("FAILED: \(proof): \(error)\n")
                return .findings
            } catch let error as ProofDocumentError {
                if case .unknownFormat = error { throw error }
                context.output.write("FAILED: \(proof): \(error)\n")
                return .findings
            }
            return .success
        }
    }
}
