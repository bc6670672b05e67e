// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Slipway",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "slipway", targets: ["slipway"]),
        .library(name: "SlipwayCore", targets: ["SlipwayCore"]),
        .library(name: "WorkflowAudit", targets: ["WorkflowAudit"]),
        .library(name: "Versioning", targets: ["Versioning"]),
        .library(name: "SupplyChain", targets: ["SupplyChain"]),
        .library(name: "Signing", targets: ["Signing"]),
        .library(name: "Ledger", targets: ["Ledger"]),
        .library(name: "LedgerPostgres", targets: ["LedgerPostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "SlipwayCore",
            dependencies: [
                "CSlipwaySystem",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // C declarations the Swift Glibc module lacks (`mallopt`), for SlipwayCore's AllocatorTuning.
        .target(name: "CSlipwaySystem"),
        .target(
            name: "WorkflowAudit",
            dependencies: ["SlipwayCore"]
        ),
        .target(
            name: "Versioning",
            dependencies: ["SlipwayCore", "SlipwayZlib"]
        ),
        // The system zlib, for the native git object reader (Foundation already links it on Linux).
        .systemLibrary(name: "SlipwayZlib", path: "Sources/SlipwayZlib"),
        .target(
            name: "SupplyChain",
            dependencies: [
                "SlipwayCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "Signing",
            dependencies: [
                "SlipwayCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Ledger",
            dependencies: [
                "SlipwayCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "LedgerPostgres",
            dependencies: [
                "Ledger",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "slipway",
            dependencies: [
                "SlipwayCore",
                "WorkflowAudit",
                "Versioning",
                "SupplyChain",
                "Signing",
                "Ledger",
                "LedgerPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Release binaries carry the Swift runtime and Foundation inside (what `--static-swift-stdlib` does):
            // no shared Swift libraries to find, load and relocate at every start, which took ~3.5 ms of a 9 ms
            // `slipway --version`. Compiling this target against the static modules brings in their link
            // dependencies (Foundation's ICU data among them). Debug builds, and so the tests, stay dynamic.
            // The toolchain's lld packs the 143,000 relative relocations (`-z pack-relative-relocs`, glibc 2.36+),
            // and the binary exports no symbols, so the runtime's `dladdr` at start no longer searches 1 MB of
            // them: 11 % fewer instructions at start, fewer page faults, position independence (ASLR) kept.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-static-stdlib", "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                        "-Xlinker", "--no-export-dynamic",
                    ],
                    .when(platforms: [.linux], configuration: .release)
                )
            ]
        ),
        .target(
            name: "SlipwayTestSupport",
            dependencies: ["SlipwayCore"],
            path: "Tests/SlipwayTestSupport"
        ),
        .testTarget(
            name: "SlipwayCoreTests",
            dependencies: ["SlipwayCore", "SlipwayTestSupport"]
        ),
        .testTarget(
            name: "WorkflowAuditTests",
            dependencies: ["WorkflowAudit", "SlipwayCore", "SlipwayTestSupport"]
        ),
        .testTarget(
            name: "VersioningTests",
            dependencies: ["Versioning", "SlipwayCore", "SlipwayTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SupplyChainTests",
            dependencies: [
                "SupplyChain", "SlipwayCore", "SlipwayTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "SigningTests",
            dependencies: ["Signing", "SlipwayCore", "SlipwayTestSupport"]
        ),
        .testTarget(
            name: "LedgerTests",
            dependencies: [
                "Ledger", "SlipwayCore", "SlipwayTestSupport", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "LedgerPostgresTests",
            dependencies: [
                "LedgerPostgres", "Ledger", "SlipwayCore", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "slipwayTests",
            dependencies: [
                "slipway", "SlipwayCore", "WorkflowAudit", "Ledger", "LedgerPostgres", "Signing", "SlipwayTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
