/// How generated Swift backends share one build folder.
///
/// A cold build of Hummingbird, GRDB and swift-crypto takes minutes; every generated project has the
/// same package name (`backend`), layout and dependency list, so they build in one scratch path under
/// the user's cache, keyed by that list. SwiftPM then finds every dependency up to date and compiles
/// only the app and its tests. A scratch path holds the products of whatever project built last, so
/// set-up copies this project's server and test runner into `bin/`: `start` and `test` run those
/// copies, which also run where the cache is not writable (the verification sandbox).
enum HummingbirdBuildCache {
    /// The `.package` lines of the generated Package.swift: only versions of the local package mirror.
    static let dependencies: [String] = [
        #".package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),"#,
        #".package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),"#,
        #".package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),"#,
        #".package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),"#,
        #".package(url: "https://github.com/apple/swift-log", from: "1.16.2"),"#,
        #".package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),"#,
    ]

    /// The cache key: FNV-1a (64 bits) of the dependency lines, in hex. Stable across runs and machines.
    static var key: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in dependencies.joined(separator: "\n").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "hummingbird-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The scratch path, as a shell word: `$XDG_CACHE_HOME` (or `~/.cache`) `/sculpt/swift/<key>`.
    static var scratch: String { "\"${XDG_CACHE_HOME:-$HOME/.cache}/sculpt/swift/\(key)\"" }

    /// Set-up: resolving the dependencies (minutes the first time, seconds later: its own step, so no
    /// step nears a 15-minute limit), the release server (static Swift runtime, so it runs without the
    /// toolchain), then the tests, each copied into `bin/` right after it is built.
    static var setup: [String] {
        [
            "swift package resolve --scratch-path \(scratch)",
            "swift build -c release --static-swift-stdlib --product server --scratch-path \(scratch)"
                + " && mkdir -p bin && cp \(scratch)/release/server bin/server",
            "swift build --build-tests --scratch-path \(scratch)"
                + " && mkdir -p bin && cp \(scratch)/debug/backendPackageTests.xctest bin/tests",
        ]
    }

    static let start = ["bin/server"]
    static let test = ["bin/tests", "--testing-library", "swift-testing"]
}
