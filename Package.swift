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
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // The pure core: spec, understanding, generation. No network, no subprocess.
        .target(
            name: "SculptCore",
            dependencies: [.product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Resources")]
        ),
        // The edges: writing projects to disk, running generated code.
        .target(name: "SculptWorkspace", dependencies: ["SculptCore"]),
        .executableTarget(
            name: "sculpt",
            dependencies: [
                "SculptCore", "SculptWorkspace",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SculptCoreTests", dependencies: ["SculptCore"]),
        .testTarget(name: "SculptIntegrationTests", dependencies: ["SculptCore", "SculptWorkspace"]),
    ]
)
