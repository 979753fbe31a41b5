// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Sculpt",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sculpt", targets: ["sculpt"]),
        .library(name: "SculptCore", targets: ["SculptCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
    ],
    targets: [
        // The pure core: spec, understanding, generation. No network, no subprocess.
        .target(
            name: "SculptCore",
            resources: [.copy("Resources")]
        ),
        // The edges: writing projects to disk, running generated code.
        .target(name: "SculptWorkspace", dependencies: ["SculptCore"]),
        // The language-model edge: an OpenAI-compatible client and model-driven understanding.
        // It carries the HTTP dependency so the core stays pure.
        .target(
            name: "SculptModel",
            dependencies: [
                "SculptCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "sculpt",
            dependencies: [
                "SculptCore", "SculptWorkspace", "SculptModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SculptCoreTests", dependencies: ["SculptCore"]),
        .testTarget(name: "SculptIntegrationTests", dependencies: ["SculptCore", "SculptWorkspace"]),
        .testTarget(
            name: "SculptModelTests",
            dependencies: [
                "SculptCore", "SculptModel",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ]
)
