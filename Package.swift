// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ContainerGym",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gym", targets: ["gym"]),
        .library(name: "Dockerfile", targets: ["Dockerfile"]),
        .library(name: "Context", targets: ["Context"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .target(name: "Dockerfile"),
        .target(name: "Context", dependencies: ["Dockerfile"]),
        .target(
            name: "GymCommands",
            dependencies: [
                "Dockerfile",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "gym", dependencies: ["GymCommands"]),
        .testTarget(name: "DockerfileTests", dependencies: ["Dockerfile"], exclude: ["Fixtures"]),
        .testTarget(name: "ContextTests", dependencies: ["Context"]),
        .testTarget(name: "GymCommandsTests", dependencies: ["GymCommands", "Dockerfile", "gym"]),
    ],
    swiftLanguageModes: [.v6]
)
