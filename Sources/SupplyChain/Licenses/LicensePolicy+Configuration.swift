public import SlipwayCore

extension LicensePolicy {
    /// The keys of the `licenses:` mapping.
    public static let keys = ["allow", "deny", "unknown", "severity", "exceptions"]

    /// The keys of one `exceptions:` entry.
    public static let exceptionKeys = ["package", "license", "reason", "owner", "expires"]

    /// Decodes the `licenses:` mapping, rejecting unknown keys (with a suggestion), wrong types, invalid SPDX
    /// expressions (at their column) and malformed exceptions, each at its location.
    ///
    /// - Throws: ``ConfigurationError`` at the first problem.
    public static func decode(_ node: YAMLNode, reader: ConfigurationReader) throws(ConfigurationError) -> LicensePolicy
    {
        let mapping = try reader.mapping(node, key: "scan.licenses")
        try reader.checkKeys(mapping, allowed: keys, section: "scan.licenses")
        var policy = LicensePolicy()
        if let allow = mapping["allow"], allow.scalar?.isNull != true {
            policy.allow = try expressions(allow, key: "scan.licenses.allow", reader: reader, termsOnly: false)
        }
        if let deny = mapping["deny"], deny.scalar?.isNull != true {
            policy.deny = try expressions(deny, key: "scan.licenses.deny", reader: reader, termsOnly: true)
        }
        if let unknown = mapping["unknown"] {
            let text = try reader.string(unknown, key: "scan.licenses.unknown")
            guard let handling = UnknownHandling(rawValue: text.lowercased()) else {
                throw .invalidValue(
                    key: "scan.licenses.unknown",
                    location: reader.location(unknown),
                    value: text,
                    allowed: UnknownHandling.allCases.map(\.rawValue)
                )
            }
            policy.unknown = handling
        }
        if let severity = mapping["severity"] {
            let text = try reader.string(severity, key: "scan.licenses.severity")
            guard let value = Severity(rawValue: text.lowercased()) else {
                throw .invalidValue(
                    key: "scan.licenses.severity",
                    location: reader.location(severity),
                    value: text,
                    allowed: Severity.allCases.map(\.rawValue)
                )
            }
            policy.severity = value
        }
        if let exceptions = mapping["exceptions"], exceptions.scalar?.isNull != true {
            for item in try reader.sequence(exceptions, key: "scan.licenses.exceptions").items {
                policy.exceptions.append(try exception(item, reader: reader))
            }
        }
        return policy
    }

    private static func expressions(
        _ node: YAMLNode,
        key: String,
        reader: ConfigurationReader,
        termsOnly: Bool
    ) throws(ConfigurationError) -> [LicenseExpression] {
        let items: [YAMLNode]
        if node.scalar != nil {
            items = [node]
        } else {
            items = try reader.sequence(node, key: key).items
        }
        var result: [LicenseExpression] = []
        for item in items {
            let expression = try self.expression(item, key: key, reader: reader)
            if termsOnly, !expression.isTerm {
                throw .wrongType(
                    key: key,
                    location: reader.location(item),
                    expected: "single licenses (an id, id+, LicenseRef- or id WITH exception), one per entry",
                    found: "'\(expression)'"
                )
            }
            result.append(expression)
        }
        return result
    }

    fileprivate static func expression(
        _ node: YAMLNode,
        key: String,
        reader: ConfigurationReader
    ) throws(ConfigurationError) -> LicenseExpression {
        let text = try reader.string(node, key: key)
        do {
            return try LicenseExpressionParser.parse(text)
        } catch {
            var location = reader.location(node)
            // Point at the offending character when the scalar sits on one line (plain or quoted).
            if let scalar = node.scalar, !text.contains("\n") {
                switch scalar.style {
                case .plain: location.column += error.column - 1
                case .singleQuoted, .doubleQuoted: location.column += error.column
                case .literal, .folded: break
                }
            }
            throw .wrongType(
                key: key,
                location: location,
                expected: "an SPDX license expression (\(error.message))",
                found: "'\(text)'"
            )
        }
    }

    private static func exception(_ node: YAMLNode, reader: ConfigurationReader) throws(ConfigurationError) -> Exception
    {
        let fields = try reader.mapping(node, key: "scan.licenses.exceptions[]")
        try reader.checkKeys(fields, allowed: exceptionKeys, section: "a scan.licenses.exceptions entry")
        func required(_ name: String) throws(ConfigurationError) -> (String, YAMLNode) {
            guard let value = fields[name] else { throw .missingKey(key: name, location: reader.location(node)) }
            let text = try reader.string(value, key: name).trimmingWhitespace()
            guard !text.isEmpty else {
                throw .wrongType(
                    key: name,
                    location: reader.location(value),
                    expected: "a non-empty string",
                    found: "''"
                )
            }
            return (text, value)
        }
        let (package, _) = try required("package")
        let (reason, _) = try required("reason")
        let (owner, _) = try required("owner")
        let (expiresText, expiresNode) = try required("expires")
        guard let expires = CalendarDate(expiresText) else {
            throw .invalidDate(key: "expires", location: reader.location(expiresNode), value: expiresText)
        }
        var license: LicenseExpression?
        if let value = fields["license"] {
            license = try expression(value, key: "license", reader: reader)
        }
        return Exception(
            package: package,
            license: license,
            reason: reason,
            owner: owner,
            expires: expires,
            location: reader.location(node)
        )
    }
}

extension LicensePolicy {
    /// The JSON Schema of the `licenses:` mapping (inside `scan:`).
    public static var schema: JSONValue {
        let string: JSONValue = .object(["type": .string("string"), "minLength": .number(1)])
        let stringOrList: JSONValue = .array([string, .object(["type": .string("array"), "items": string])])
        return .object([
            "type": .string("object"),
            "description": .string("License policy for `slipway scan licenses`."),
            "additionalProperties": .bool(false),
            "properties": .object([
                "allow": .object([
                    "description": .string(
                        "SPDX ids or expressions accepted; empty or absent accepts everything not denied."
                    ),
                    "oneOf": stringOrList,
                ]),
                "deny": .object([
                    "description": .string("SPDX ids never accepted; deny wins over allow."),
                    "oneOf": stringOrList,
                ]),
                "unknown": .object([
                    "description": .string("Packages with an unknown or invalid license: allow, warn or deny."),
                    "enum": .array(UnknownHandling.allCases.map { .string($0.rawValue) }),
                    "default": .string("warn"),
                ]),
                "severity": .object([
                    "description": .string("Severity of policy violations."),
                    "enum": .array(Severity.allCases.map { .string($0.rawValue) }),
                    "default": .string("high"),
                ]),
                "exceptions": .object([
                    "type": .string("array"),
                    "items": .object([
                        "type": .string("object"),
                        "additionalProperties": .bool(false),
                        "required": .array(["package", "reason", "owner", "expires"].map { .string($0) }),
                        "properties": .object([
                            "package": .object([
                                "type": .string("string"),
                                "description": .string("A purl (with or without @version) or a package name."),
                            ]),
                            "license": .object([
                                "type": .string("string"),
                                "description": .string("Only when the package declares exactly this expression."),
                            ]),
                            "reason": string,
                            "owner": string,
                            "expires": .object([
                                "type": .string("string"),
                                "pattern": .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
                                "description": .string("YYYY-MM-DD; after this day the exception fails the run."),
                            ]),
                        ]),
                    ]),
                ]),
            ]),
        ])
    }

    /// A commented sample of the `licenses:` mapping's content (without the `licenses:` key, unindented).
    public static let sample = """
        # Accepted licenses: SPDX ids, id+, LicenseRef-…, "id WITH exception"
        # or whole expressions. Empty or absent: all that is not denied.
        allow: [MIT, Apache-2.0, BSD-2-Clause, BSD-3-Clause, ISC, 0BSD, Zlib]
        # Never accepted; deny wins over allow.
        deny: [AGPL-3.0-only, AGPL-3.0-or-later, SSPL-1.0]
        # Unknown or invalid metadata: allow, warn (medium) or deny.
        unknown: warn
        # Severity of violations: info, low, medium, high or critical.
        severity: high
        # Accepted packages with a reason, an owner and an expiry date;
        # an expired exception fails the run.
        exceptions:
          - package: pkg:npm/caniuse-lite
            license: CC-BY-4.0
            reason: data-only package, reviewed by legal
            owner: platform-team
            expires: 2026-12-31

        """

    /// `sample` nested under `scan:` / `licenses:`, blank lines left out: the help text of `scan licenses`, which
    /// ArgumentParser builds at every start-up, so it is a byte loop rather than `split`/`map`/`joined`.
    public static let nestedSample: String = {
        var bytes = Array("scan:\n  licenses:".utf8)
        var line: [UInt8] = []
        for byte in sample.utf8 + [0x0A] {
            if byte != 0x0A {
                line.append(byte)
            } else if !line.isEmpty {
                bytes.append(contentsOf: [0x0A, 0x20, 0x20, 0x20, 0x20])
                bytes.append(contentsOf: line)
                line.removeAll(keepingCapacity: true)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }()
}
