import ArgumentParser
import Signing
import SlipwayCore

extension Slipway {
    /// `slipway checksums`: SHA256SUMS/SHA512SUMS files, and checking them.
    struct Checksums: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "checksums",
            abstract: "Write or verify SHA256SUMS/SHA512SUMS files that sha256sum -c accepts.",
            discussion: """
                Writes `<hex>  <name>` lines (or `SHA256 (<name>) = <hex>` with --tag), escaping names with a \
                backslash, newline or carriage return as GNU coreutils does. Files are streamed, so size does not \
                matter. With --verify, checks every line (either form; names relative to the current directory) \
                and reports each mismatch or missing file. Exit status: 0 all match; 1 a mismatch or missing \
                file; 2 a malformed line (reported as file:line).

                Examples:
                  slipway checksums dist/* --output SHA256SUMS
                  slipway checksums app.tar.gz --algorithm sha512 --tag
                  slipway checksums --verify SHA256SUMS
                """
        )

        @Argument(help: "Files to checksum.")
        var files: [String] = []

        @Option(help: "sha256 (default) or sha512.")
        var algorithm: ChecksumAlgorithm?

        @Flag(help: "BSD-style lines: SHA256 (name) = hex.")
        var tag = false

        @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of stdout.")
        var output: String?

        @Option(help: "Check the files listed in this checksum file instead.")
        var verify: String?

        func validate() throws {
            if verify != nil && !files.isEmpty {
                throw ValidationError("--verify SUMSFILE checks the files it lists; do not also name files")
            }
            if verify == nil && files.isEmpty {
                throw ValidationError("name the files to checksum, or pass --verify SUMSFILE")
            }
            if verify != nil && (tag || output != nil) {
                throw ValidationError("--tag and --output apply when writing, not with --verify")
            }
        }

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            if let verify { return try check(verify, context) }
            let algorithm = algorithm ?? .sha256
            var text = ""
            for file in files {
                let digest = try Signing.Checksums.digest(
                    fileAt: file,
                    algorithm: algorithm,
                    fileSystem: context.fileSystem
                )
                let entry = ChecksumEntry(algorithm: algorithm, hexDigest: Signing.Checksums.hex(digest), name: file)
                text += Signing.Checksums.line(for: entry, format: tag ? .tagged : .gnu)
            }
            if let output {
                try context.fileSystem.writeTextAtomically(text, to: output)
                context.output.writeError("\(files.count) \(algorithm.tag) checksum(s) written to \(output)\n")
            } else {
                context.output.write(text)
            }
            return .success
        }

        private func check(_ sumsFile: String, _ context: SlipwayContext) throws -> ExitStatus {
            let entries = try Signing.Checksums.parse(
                try context.fileSystem.readText(at: sumsFile),
                path: sumsFile,
                algorithm: algorithm
            )
            let results = Signing.Checksums.verify(
                entries,
                relativeTo: context.fileSystem.currentDirectory,
                fileSystem: context.fileSystem
            )
            var failures = 0
            for (entry, status) in results {
                let name = entry.name.debugDescription.dropFirst().dropLast()
                switch status {
                case .ok:
                    context.output.write("\(name): OK\n")
                case .mismatch:
                    failures += 1
                    context.output.write("\(name): FAILED\n")
                    context.output.writeError(
                        "\(sumsFile):\(entry.line): \(name): \(entry.algorithm.tag) digest differs from the listed one\n"
                    )
                case .unreadable(let reason):
                    failures += 1
                    context.output.write("\(name): FAILED open or read\n")
                    context.output.writeError("\(sumsFile):\(entry.line): \(name): cannot read (\(reason))\n")
                }
            }
            if failures > 0 {
                context.output.writeError("\(failures) of \(results.count) listed file(s) did not match\n")
                return .findings
            }
            context.output.writeError("all \(results.count) listed file(s) match\n")
            return .success
        }
    }
}
