// swift-tools-version: 6.1
import Foundation
import PackageDescription

let package = Package(
    name: "ContainerGym",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gym", targets: ["gym"]),
        .library(name: "Dockerfile", targets: ["Dockerfile"]),
        .library(name: "Base", targets: ["Base"]),
        .library(name: "Context", targets: ["Context"]),
        .library(name: "Lint", targets: ["Lint"]),
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "Bench", targets: ["Bench"]),
        .library(name: "Image", targets: ["Image"]),
        .library(name: "Gym", targets: ["Gym"]),
        .library(name: "Registry", targets: ["Registry"]),
        .library(name: "Scan", targets: ["Scan"]),
        .library(name: "Report", targets: ["Report"]),
        .library(name: "Server", targets: ["Server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // the class server; swift-configuration (a default trait) is not needed
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // the lifetime of the PostgreSQL pool: a service of the server, or of one command's scope
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(name: "Dockerfile", dependencies: ["Rendering"]),
        // the one process spawner: posix_spawn, stdout and stderr read together, waitpid
        .target(name: "Spawn"),
        // what every library shares: hashing (swift-crypto), byte counts, running two jobs at once
        .target(name: "Base", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // the one way to the Docker engine: a host value, builder drivers, typed operations and errors
        .target(name: "Engine", dependencies: ["Spawn"]),
        .target(
            name: "Context",
            dependencies: ["Base", "Dockerfile", "Spawn", "Rendering"]),
        // what every reporter shares: the one JSON style
        .target(name: "Rendering"),
        // a full-screen session on the terminal: raw mode, the alternate screen, keys, styled lines
        .target(name: "Terminal"),
        // `gym layers --interactive`: dive's two panes (layers; the selected layer's file tree) as a value
        .target(name: "LayerExplorer", dependencies: ["Image", "Base", "Terminal"]),
        // SARIF 2.1.0 as one Codable model, for every reporter that writes it
        .target(name: "SARIF", dependencies: ["Rendering"]),
        .target(
            name: "Lint",
            dependencies: ["Dockerfile", "Base", "SARIF", "Rendering", .product(name: "Yams", package: "Yams")]),
        // one GRDB database: the migrations of every table gym keeps
        .target(name: "Storage", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "Bench",
            dependencies: [
                "Dockerfile", "Base", "Context", "Lint", "Image", "Engine", "Storage", "Spawn", "Rendering",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .systemLibrary(name: "CGymZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libzstd is loaded at run time (a fresh machine has libzstd1 but no libzstd-dev)
        .target(name: "CZstd", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // libdeflate too (libdeflate0, no headers): whole-layer gunzip, several times zlib's speed
        .target(name: "CDeflate", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(
            name: "Image",
            dependencies: [
                "Base", "Engine", "CGymZlib", "CZstd", "CDeflate", "Rendering", .product(name: "Yams", package: "Yams"),
            ]),
        // the OCI distribution client: references, auth, pull and push, the content-addressed blob store
        .target(
            name: "Registry",
            dependencies: [
                "Image", "Base", "Storage", "Rendering", "Spawn",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .target(
            name: "Scan",
            dependencies: [
                "Base", "Image", "Storage", "SARIF", "Rendering", "Spawn",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"), .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        // charts and pages from the typed histories Bench and Scan give
        .target(name: "Report", dependencies: ["Storage", "Bench", "Scan"]),
        .target(
            name: "Gym",
            dependencies: [
                "Dockerfile", "Base", "Context", "Storage", "Bench", "Engine", "Image", "Scan", "Rendering",
                .product(name: "Yams", package: "Yams"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Exercises"), .copy("Probes")]
        ),
        // the fence around a class's untrusted builds: an allow-listing egress proxy on a unix socket
        .target(
            name: "Fence",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // the class: accounts, submissions re-measured by grading workers, the leaderboard and progress pages
        .target(
            name: "Server",
            dependencies: [
                "Gym", "Registry", "Image", "Base", "Dockerfile", "Storage", "Bench", "Engine", "Rendering", "Spawn",
                "Fence",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Web")]),
        .target(
            name: "GymCommands",
            dependencies: [
                "Dockerfile", "Base", "Context", "Lint", "Storage", "Bench", "Engine", "Image", "Registry", "Gym",
                "Scan",
                "Report", "Server", "Rendering", "Fence", "LayerExplorer", "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "gym", dependencies: ["GymCommands"]),
        .target(name: "TestSupport", dependencies: ["Base", "Spawn", "Engine"], path: "Tests/TestSupport"),
        .testTarget(name: "DockerfileTests", dependencies: ["Dockerfile", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ContextTests", dependencies: ["Context", "Dockerfile", "Spawn", "TestSupport"]),
        .testTarget(name: "SpawnTests", dependencies: ["Spawn", "TestSupport"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Spawn", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "LintTests", dependencies: ["Lint", "Dockerfile", "SARIF", "TestSupport"]),
        .testTarget(
            name: "RegistryTests", dependencies: ["Registry", "Image", "Scan", "TestSupport", "Spawn"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "LayerExplorerTests", dependencies: ["LayerExplorer", "Image", "Terminal", "TestSupport"]),
        .testTarget(name: "ImageTests", dependencies: ["Base", "Engine", "Image", "Bench", "TestSupport"]),
        .testTarget(
            name: "StorageTests",
            dependencies: [
                "Base",
                "Storage", "Context", "Bench", "Scan", "Gym", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "BenchTests",
            dependencies: ["Engine", "Bench", "Storage", "Context", "Dockerfile", "Lint", "TestSupport"]),
        .testTarget(
            name: "ReportTests", dependencies: ["Engine", "Report", "Storage", "Bench", "Scan", "TestSupport"]),
        .testTarget(
            name: "ScanTests",
            dependencies: [
                "Scan", "Image", "Bench", "Engine", "TestSupport", "Spawn",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "GymTests", dependencies: ["Engine", "Gym", "Bench", "TestSupport"]),
        .testTarget(
            name: "FenceTests",
            dependencies: ["Fence", .product(name: "NIOCore", package: "swift-nio")]),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Engine",
                "Server", "Gym", "Registry", "TestSupport", "Spawn", "gym", "Fence",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "GymCommandsTests",
            dependencies: ["Engine", "GymCommands", "Dockerfile", "Bench", "gym", "Server", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets (Fuzz/), in the package only for scripts/fuzz.sh (GYM_FUZZ=1, built with
// -sanitize=fuzzer): they have no main of their own, libFuzzer supplies it.
if ProcessInfo.processInfo.environment["GYM_FUZZ"] != nil {
    let fuzzTargets = [
        ("FuzzDockerfile", "Dockerfile"), ("FuzzTar", "Image"), ("FuzzOSV", "Scan"), ("FuzzDockerignore", "Dockerfile"),
        ("FuzzVersions", "Scan"), ("FuzzGitIndex", "Context"),
    ]
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"))
    for (name, library) in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: name, dependencies: [.target(name: library), "FuzzSupport"], path: "Fuzz/\(name)"))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
