import SlipwayCore

/// Reads the license of an installed Python distribution from its `*.dist-info/METADATA` (core metadata).
///
/// Preference: `License-Expression` (PEP 639, an SPDX expression); then `License` when it is a license name that
/// normalises; then the `License ::` classifiers (one, or several that agree; several that differ are joined
/// with `; ` and stay unknown, because core metadata does not say whether they combine with AND or OR); then the
/// `License` text as written. The first `License-File` is kept for reports when nothing else names the license.
public enum PythonMetadataReader {
    /// The distribution in `text` (a METADATA file at `path`), or `nil` without `Name` and `Version`.
    public static func read(_ text: String, path: String) -> InstalledPackage? {
        var fields: [(name: String, value: String, line: Int)] = []
        var line = 0
        // `\r\n` is one Character, so splitting on `isNewline` handles both line endings.
        for current in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            line += 1
            if current.isEmpty { break }  // the body (description) starts after the first blank line
            if current.first == " " || current.first == "\t" {
                // A continuation line (RFC 822 folding) belongs to the previous field.
                if let last = fields.popLast() {
                    fields.append((last.name, last.value + "\n" + current.trimmingWhitespace(), last.line))
                }
                continue
            }
            guard let colon = current.firstIndex(of: ":") else { continue }
            let name = current[..<colon].trimmingWhitespace().lowercased()
            let value = current[current.index(after: colon)...].trimmingWhitespace()
            fields.append((name, value, line))
        }
        func first(_ name: String) -> (value: String, line: Int)? {
            fields.first { $0.name == name && !$0.value.isEmpty }.map { ($0.value, $0.line) }
        }
        guard let name = first("name"), let version = first("version") else { return nil }
        var chosen: (value: String, line: Int)?
        if let expression = first("license-expression") {
            chosen = expression
        } else if let license = first("license"), LicenseNormalizer.resolve(license.value).expression != nil {
            chosen = license
        } else {
            let classifiers = fields.filter { $0.name == "classifier" && $0.value.lowercased().hasPrefix("license ::") }
            var seen: [LicenseExpression] = []
            var texts: [String] = []
            for classifier in classifiers {
                let expression = LicenseNormalizer.resolve(classifier.value).expression
                if let expression, seen.contains(expression) { continue }
                if let expression { seen.append(expression) }
                texts.append(classifier.value)
            }
            if let firstClassifier = classifiers.first, !texts.isEmpty {
                chosen = (texts.joined(separator: "; "), firstClassifier.line)
            } else {
                chosen = first("license")
            }
        }
        return InstalledPackage(
            ecosystem: .pypi,
            name: name.value,
            version: version.value,
            license: chosen?.value,
            licenseFile: first("license-file")?.value,
            location: SourceLocation(path: path, line: chosen?.line ?? name.line, column: 1)
        )
    }
}
