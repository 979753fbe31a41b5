/// The generated Swift package as its manifest declares it: the dependency list, and the plain
/// SwiftPM commands any Swift developer runs in the folder (`swift build`, `swift run server`,
/// `swift test`).
///
/// Nothing here names Sculpt's caches: verification builds in a shared scratch path of its own
/// (keyed by `Package.swift`, see SculptWorkspace's `SwiftBuildCache`), so the project stays an
/// ordinary package that builds in its own `.build`.
enum HummingbirdPackage {
    /// The `.package` lines of the generated Package.swift: only versions of the local package mirror.
    static let dependencies: [String] = [
        #".package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),"#,
        #".package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),"#,
        #".package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),"#,
        #".package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),"#,
        #".package(url: "https://github.com/apple/swift-log", from: "1.16.2"),"#,
        #".package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),"#,
    ]

    static let setup = ["swift build"]
    static let start = ["swift", "run", "server"]
    static let test = ["swift", "test"]
}
