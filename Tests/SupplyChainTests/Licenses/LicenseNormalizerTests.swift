import Foundation
import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

@Suite struct LicenseNormalizerTests {
    /// Real-world spellings and the SPDX expression each one unambiguously means.
    ///
    /// Sources: npm and PyPI `License:` fields, trove classifiers (names from the PyPI classifier list), Cargo;
    /// ids from SPDX License List 3.27.
    static let normalised: [(String, String)] = [
        ("MIT License", "MIT"),
        ("MIT (see LICENSE file)", "MIT"),
        ("The MIT License (MIT)", "MIT"),
        ("MIT No Attribution License (MIT-0)", "MIT-0"),
        ("Apache 2.0", "Apache-2.0"),
        ("Apache-2", "Apache-2.0"),
        ("Apache License, Version 2.0", "Apache-2.0"),
        ("Apache Software License 2.0", "Apache-2.0"),
        ("ASL 2.0", "Apache-2.0"),
        ("BSD-3", "BSD-3-Clause"),
        ("BSD 3-Clause", "BSD-3-Clause"),
        ("New BSD License", "BSD-3-Clause"),
        ("3-Clause BSD License", "BSD-3-Clause"),
        ("Simplified BSD", "BSD-2-Clause"),
        ("ISC License (ISCL)", "ISC"),
        ("MPLv2.0", "MPL-2.0"),
        ("Mozilla Public License 2.0", "MPL-2.0"),
        ("GPLv3+", "GPL-3.0-or-later"),
        ("GNU General Public License v2 or later", "GPL-2.0-or-later"),
        ("LGPL 2.1 only", "LGPL-2.1-only"),
        ("The Unlicense", "Unlicense"),
        ("CC0", "CC0-1.0"),
        ("License :: OSI Approved :: MIT License", "MIT"),
        ("License :: OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)", "LGPL-3.0-or-later"),
        ("License :: OSI Approved :: GNU General Public License v2 (GPLv2)", "GPL-2.0-only"),
        ("License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0"),
        ("License :: OSI Approved :: Boost Software License 1.0 (BSL-1.0)", "BSL-1.0"),
        ("License :: OSI Approved :: ISC License (ISCL)", "ISC"),
        ("License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication", "CC0-1.0"),
        (
            "License :: OSI Approved :: MIT License; License :: OSI Approved :: MIT License",
            "MIT"
        ),
        ("MIT or Apache 2.0", "MIT OR Apache-2.0"),
        ("Apache License 2.0 AND (MIT OR BSD-3)", "Apache-2.0 AND (MIT OR BSD-3-Clause)"),
        ("GPL-2.0-only WITH Classpath exception 2.0", "GPL-2.0-only WITH Classpath-exception-2.0"),
    ]

    @Test("unambiguous non-SPDX names normalise to SPDX expressions")
    func normalisesRealWorldNames() {
        for (input, expected) in Self.normalised {
            let resolution = LicenseNormalizer.resolve(input)
            #expect(resolution.expression?.description == expected, "\(input)")
            if case .expression(_, let normalized) = resolution { #expect(normalized, "\(input)") }
        }
    }

    @Test("valid SPDX text is taken as is, not marked normalised, whatever the operator case")
    func validExpressions() {
        for input in ["MIT", "(MIT OR Apache-2.0)", "mit or apache-2.0", "LGPL-3.0+", "LicenseRef-Proprietary"] {
            guard case .expression(let expression, let normalized) = LicenseNormalizer.resolve(input) else {
                Issue.record("\(input) did not resolve")
                continue
            }
            #expect(!normalized)
            #expect(expression == (try? LicenseExpressionParser.parse(input)))
        }
    }

    @Test("Cargo's legacy '/' means OR; elsewhere a slash is not an operator")
    func cargoSlash() {
        #expect(
            LicenseNormalizer.resolve("MIT/Apache-2.0", ecosystem: .cargo).expression?.description
                == "MIT OR Apache-2.0"
        )
        guard case .unknown = LicenseNormalizer.resolve("MIT/Apache-2.0", ecosystem: .npm) else {
            Issue.record("a slash outside Cargo must stay unknown")
            return
        }
    }

    /// Texts that name no single license (a missing version, a family, a marker), with the reason given.
    static let unknown: [(String?, String)] = [
        (nil, "no license declared"),
        ("  ", "no license declared"),
        ("UNLICENSED", "UNLICENSED: the author grants no license (proprietary)"),
        ("SEE LICENSE IN LICENSE.md", "the license is in LICENSE.md, not given as an SPDX expression"),
        ("NOASSERTION", "NOASSERTION: the license was not determined"),
        ("UNKNOWN", "declared as UNKNOWN"),
        ("BSD", "it does not say which BSD license (how many clauses)"),
        ("GPL", "it names no version"),
        ("Apache", "it names no version"),
        ("GPLv2", "it does not say whether later versions are allowed (GPL-2.0-only or GPL-2.0-or-later)"),
        ("Public Domain", "public domain is not a license; SPDX has no id for it"),
        ("MIT/X11", "'MIT/X11' names no SPDX license"),
        ("Custom", "'Custom' names no SPDX license"),
        ("Apache 2.0 (MIT)", "'Apache 2.0 (MIT)' names two different licenses (Apache-2.0 and MIT)"),
        (
            "License :: OSI Approved :: Apache Software License",
            "classifier 'Apache Software License': the classifier names no version"
        ),
        (
            "License :: OSI Approved :: BSD License",
            "classifier 'BSD License': the classifier does not say which BSD license (how many clauses)"
        ),
        ("License :: OSI Approved", "the classifier only says the license is OSI approved, not which one"),
        (
            "License :: OSI Approved :: MIT License; License :: OSI Approved :: Apache Software License",
            "several license classifiers and no License-Expression; the metadata does not say whether they "
                + "combine with AND or OR"
        ),
        (
            "Permission is hereby granted, free of charge, to any person obtaining a copy\nof this software",
            "the field holds license text, not a license name or SPDX expression"
        ),
    ]

    @Test("ambiguous or unrecognised texts stay unknown with the reason")
    func unknownTexts() {
        for (input, reason) in Self.unknown {
            #expect(LicenseNormalizer.resolve(input) == .unknown(reason: reason), "\(input ?? "nil")")
        }
    }

    @Test("text with operators or parentheses that does not parse is an invalid expression, located")
    func invalidExpressions() {
        let cases: [(String, LicenseExpressionError)] = [
            ("(MIT OR", .unexpectedEnd(column: 8, expected: "a license id, a LicenseRef- or '('")),
            ("MIT AND", .unexpectedEnd(column: 8, expected: "a license id, a LicenseRef- or '('")),
            ("MIT OR OR ISC", .unexpectedToken("OR", column: 8, expected: "a license id, a LicenseRef- or '('")),
            ("MIT AND (ISC", .unexpectedEnd(column: 13, expected: "')'")),
        ]
        for (input, error) in cases {
            #expect(LicenseNormalizer.resolve(input) == .invalid(error), "\(input)")
        }
    }

    // MARK: - Real data

    private static var lockfiles: String { Corpus.sharedRoot + "/corpus/lockfiles" }

    @Test(
        "every license in the corpus composer.lock files parses as SPDX (38 declared, 4 packages declare none)",
        .enabled(if: Corpus.isAvailable, "shared corpus not present")
    )
    func composerCorpus() throws {
        let directory = Self.lockfiles + "/composer"
        let files = try LocalFileSystem().contentsOfDirectory(at: directory).filter { $0.hasSuffix("composer.lock") }
        #expect(files.count == 2)
        var declared = 0
        var undeclared = 0
        for file in files {
            let text = try LocalFileSystem().readText(at: directory + "/" + file)
            for component in try ComposerLockReader().read(text, path: file, companion: { _ in nil }) {
                guard let license = component.license else {
                    undeclared += 1
                    #expect(LicenseNormalizer.resolve(nil) == .unknown(reason: "no license declared"))
                    continue
                }
                declared += 1
                guard case .expression(_, normalized: false) = LicenseNormalizer.resolve(license, ecosystem: .packagist)
                else {
                    Issue.record("\(file): \(component.name): '\(license)' is not SPDX")
                    continue
                }
            }
        }
        #expect(declared == 38)
        #expect(undeclared == 4)
    }

    @Test(
        "npm lockfile licenses in the corpus: 3101 valid SPDX, 1 normalised (MPLv2.0), 4 unknown, none invalid",
        .enabled(if: Corpus.isAvailable, "shared corpus not present")
    )
    func npmCorpus() throws {
        // package-lock.json v2/v3 copies each package's `license` into `packages`; the lockfile reader does not keep
        // it, so the test reads the field directly.
        let directory = Self.lockfiles + "/npm"
        let files = try LocalFileSystem().contentsOfDirectory(at: directory).filter {
            $0.hasSuffix("package-lock.json")
        }
        var valid = 0
        var normalised: [String: String] = [:]
        var unknown: [String: Int] = [:]
        var invalid: [String] = []
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
            let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let packages = root?["packages"] as? [String: Any] ?? [:]
            for case let package as [String: Any] in packages.values {
                guard let license = package["license"] as? String else { continue }
                switch LicenseNormalizer.resolve(license, ecosystem: .npm) {
                case .expression(_, normalized: false): valid += 1
                case .expression(let expression, normalized: true): normalised[license] = expression.description
                case .unknown: unknown[license, default: 0] += 1
                case .invalid: invalid.append(license)
                }
            }
        }
        #expect(valid == 3101)
        #expect(normalised == ["MPLv2.0": "MPL-2.0"])
        // "MIT/X11" may be MIT or "MIT OR X11"; "CC-SA 3.0" is no Creative Commons license; public domain is no
        // license at all.
        #expect(unknown == ["MIT/X11": 2, "CC-SA 3.0": 1, "Public domain": 1])
        #expect(invalid.isEmpty)
    }
}
