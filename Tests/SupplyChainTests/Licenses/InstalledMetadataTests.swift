import SlipwayCore
import SupplyChain
import Testing

@Suite struct InstalledMetadataTests {
    @Test("package.json: license string, legacy license object, legacy licenses array joined with OR")
    func nodeManifests() throws {
        let modern = try NodePackageMetadataReader.read(
            """
            {
              "name": "ms",
              "version": "2.1.3",
              "license": "MIT"
            }
            """,
            path: "node_modules/ms/package.json"
        )
        #expect(modern?.license == "MIT")
        #expect(modern?.location == SourceLocation(path: "node_modules/ms/package.json", line: 4, column: 3))
        #expect(modern?.purl == "pkg:npm/ms@2.1.3")
        let object = try NodePackageMetadataReader.read(
            #"{"name": "old", "version": "1.0.0", "license": {"type": "BSD-3-Clause", "url": "https://x"}}"#,
            path: "p.json"
        )
        #expect(object?.license == "BSD-3-Clause")
        let legacy = try NodePackageMetadataReader.read(
            #"{"name": "dual", "version": "0.2.0", "licenses": [{"type": "MIT"}, {"type": "Apache-2.0", "url": "u"}]}"#,
            path: "p.json"
        )
        #expect(legacy?.license == "MIT OR Apache-2.0")
        let single = try NodePackageMetadataReader.read(
            #"{"name": "one", "version": "0.2.0", "licenses": ["ISC"]}"#,
            path: "p.json"
        )
        #expect(single?.license == "ISC")
        let none = try NodePackageMetadataReader.read(#"{"name": "none", "version": "1.0.0"}"#, path: "p.json")
        #expect(none != nil && none?.license == nil)
        #expect(try NodePackageMetadataReader.read(#"{"private": true}"#, path: "p.json") == nil)
        #expect(throws: InstalledMetadataError.self) { try NodePackageMetadataReader.read("{ nope", path: "p.json") }
    }

    @Test("METADATA: License-Expression first, then a License name that normalises, then classifiers")
    func pythonMetadata() {
        let pep639 = PythonMetadataReader.read(
            """
            Metadata-Version: 2.4
            Name: packaging
            Version: 26.4
            License-Expression: Apache-2.0 OR BSD-2-Clause
            License-File: LICENSE
            Classifier: License :: OSI Approved :: Apache Software License

            License: not a header, the body starts after the blank line
            """,
            path: "site-packages/packaging-26.4.dist-info/METADATA"
        )
        #expect(pep639?.license == "Apache-2.0 OR BSD-2-Clause")
        #expect(pep639?.location.line == 4)
        #expect(pep639?.name == "packaging")
        let named = PythonMetadataReader.read(
            "Name: requests\r\nVersion: 2.31.0\r\nLicense: Apache 2.0\r\nClassifier: License :: OSI Approved :: Apache Software License\r\n",
            path: "METADATA"
        )
        #expect(named?.license == "Apache 2.0")
        #expect(named?.location.line == 3)
        let classifier = PythonMetadataReader.read(
            """
            Name: Jinja2
            Version: 3.1.6
            License: BSD
            Classifier: Programming Language :: Python
            Classifier: License :: OSI Approved :: MIT License
            Classifier: License :: OSI Approved :: MIT License
            """,
            path: "METADATA"
        )
        #expect(classifier?.license == "License :: OSI Approved :: MIT License")
        #expect(classifier?.location.line == 5)
        let several = PythonMetadataReader.read(
            """
            Name: cryptography
            Version: 1.0
            Classifier: License :: OSI Approved :: Apache Software License
            Classifier: License :: OSI Approved :: BSD License
            """,
            path: "METADATA"
        )
        #expect(
            several?.license
                == "License :: OSI Approved :: Apache Software License; License :: OSI Approved :: BSD License"
        )
        let text = PythonMetadataReader.read(
            """
            Name: colorama
            Version: 0.4.6
            License: Copyright (c) 2010 Jonathan Hartley
                    All rights reserved.
            License-File: LICENSE.txt
            """,
            path: "METADATA"
        )
        #expect(text?.license == "Copyright (c) 2010 Jonathan Hartley\nAll rights reserved.")
        #expect(text?.licenseFile == "LICENSE.txt")
        #expect(PythonMetadataReader.read("Version: 1.0\n", path: "METADATA") == nil)
    }

    @Test("Cargo.toml: license, or license-file alone; positions of the field")
    func cargoManifests() throws {
        let crate = try CargoManifestMetadataReader.read(
            """
            [package]
            name = "serde"
            version = "1.0.200"
            license = "MIT OR Apache-2.0"
            """,
            path: "registry/serde-1.0.200/Cargo.toml"
        )
        #expect(crate?.license == "MIT OR Apache-2.0")
        #expect(crate?.location == SourceLocation(path: "registry/serde-1.0.200/Cargo.toml", line: 4, column: 1))
        let file = try CargoManifestMetadataReader.read(
            "[package]\nname = \"ring\"\nversion = \"0.17.8\"\nlicense-file = \"LICENSE\"\n",
            path: "Cargo.toml"
        )
        #expect(file?.license == nil)
        #expect(file?.licenseFile == "LICENSE")
        #expect(file?.location.line == 4)
        #expect(try CargoManifestMetadataReader.read("[workspace]\nmembers = []\n", path: "Cargo.toml") == nil)
        #expect(throws: InstalledMetadataError.self) {
            try CargoManifestMetadataReader.read("[package\n", path: "Cargo.toml")
        }
    }

    @Test("names match across spellings: PEP 503 for PyPI, '_' as '-' for crates, case for npm; 'v' versions")
    func matchKeys() {
        #expect(
            PackageMatchKey(ecosystem: .pypi, name: "Zope.Interface__x", version: "5.0")
                == PackageMatchKey(ecosystem: .pypi, name: "zope-interface-x", version: "5.0")
        )
        #expect(
            PackageMatchKey(ecosystem: .cargo, name: "serde_json", version: "1.0.0")
                == PackageMatchKey(ecosystem: .cargo, name: "serde-json", version: "1.0.0")
        )
        #expect(
            PackageMatchKey(ecosystem: .packagist, name: "symfony/console", version: "v6.4.1")
                == PackageMatchKey(ecosystem: .packagist, name: "Symfony/Console", version: "6.4.1")
        )
        #expect(
            PackageMatchKey(ecosystem: .npm, name: "ms", version: "2.1.3")
                != PackageMatchKey(ecosystem: .pypi, name: "ms", version: "2.1.3")
        )
    }

    @Test("the scanner walks node_modules (scoped, nested, pnpm), dist-info and registry crates; warns on bad files")
    func scansInstalledTrees() {
        let fileSystem = InMemoryFileSystem(files: [
            "app/node_modules/ms/package.json": #"{"name": "ms", "version": "2.1.3", "license": "MIT"}"#,
            "app/node_modules/@types/node/package.json":
                #"{"name": "@types/node", "version": "20.0.0", "license": "MIT"}"#,
            "app/node_modules/a/node_modules/b/package.json": #"{"name": "b", "version": "1.0.0", "license": "ISC"}"#,
            "app/node_modules/a/package.json": #"{"name": "a", "version": "1.0.0"}"#,
            "app/node_modules/a/test/fixture/package.json": #"{"name": "fixture", "version": "0.0.0"}"#,
            "app/node_modules/.pnpm/c@1.0.0/node_modules/c/package.json": #"{"name": "c", "version": "1.0.0"}"#,
            "app/node_modules/.bin/x": "",
            "app/node_modules/broken/package.json": "{",
            "app/.venv/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA":
                "Name: requests\nVersion: 2.31.0\nLicense: Apache 2.0\n",
            "app/.git/node_modules/hidden/package.json": #"{"name": "hidden", "version": "1.0.0"}"#,
            "cargo/registry/src/index.crates.io-abc/serde-1.0.200/Cargo.toml":
                "[package]\nname = \"serde\"\nversion = \"1.0.200\"\nlicense = \"MIT OR Apache-2.0\"\n",
            "cargo/registry/src/index.crates.io-abc/serde-1.0.200/tests/crate/Cargo.toml":
                "[package]\nname = \"inner\"\nversion = \"0.1.0\"\n",
            "app/crates/tool/Cargo.toml": "[package]\nname = \"tool\"\nversion = \"0.1.0\"\n",
        ])
        let result = InstalledPackageScanner(fileSystem: fileSystem).scan(
            roots: ["app", "cargo/registry/src/index.crates.io-abc", "app/node_modules"],
            display: { PathUtilities.relative($0, to: "/work") }
        )
        #expect(
            result.packages.map(\.purl).sorted() == [
                "pkg:cargo/serde@1.0.200", "pkg:npm/%40types/node@20.0.0", "pkg:npm/a@1.0.0", "pkg:npm/b@1.0.0",
                "pkg:npm/c@1.0.0", "pkg:npm/ms@2.1.3", "pkg:pypi/requests@2.31.0",
            ]
        )
        #expect(
            result.packages.first { $0.name == "b" }?.location.path == "app/node_modules/a/node_modules/b/package.json"
        )
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.location?.path == "app/node_modules/broken/package.json")
        #expect(result.diagnostics.first?.level == .warning)
    }
}
