import Foundation

/// Finds the files shipped with Sculpt (templates, lexicon, schema, message catalogs).
///
/// SwiftPM's generated `Bundle.module` traps when the resource folder is missing, which would crash
/// an installed binary; this looks in the known places and fails with an error a user can act on.
public enum Resources {
    static let bundleName = "Sculpt_SculptCore.resources"

    public struct Missing: Error, CustomStringConvertible {
        public let searched: [String]
        public var description: String {
            "Sculpt's resource folder (\(Resources.bundleName)) was not found. Keep it beside the sculpt binary "
                + "or set SCULPT_RESOURCES to its path. Looked in: " + searched.joined(separator: ", ")
        }
    }

    /// The folder holding `Templates/`, `Lexicon/`, `Locales/` and `appspec.schema.json`.
    public static func root() throws -> URL {
        if let found = cachedRoot.value { return found }
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["SCULPT_RESOURCES"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env))
        }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.appendingPathComponent(bundleName).appendingPathComponent("Resources"))
        candidates.append(exe.appendingPathComponent("../share/sculpt/Resources").standardizedFileURL)
        if let main = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            candidates.append(main.appendingPathComponent(bundleName).appendingPathComponent("Resources"))
        }
        // The source tree this binary was built from, for development builds and tests.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources")
        candidates.append(source)
        for c in candidates where FileManager.default.fileExists(atPath: c.appendingPathComponent("Templates").path) {
            cachedRoot.set(c)
            return c
        }
        throw Missing(searched: candidates.map(\.path))
    }

    public static func url(_ relative: String) throws -> URL {
        try root().appendingPathComponent(relative)
    }

    public static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: url(relative))
    }

    public static func text(_ relative: String) throws -> String {
        String(decoding: try data(relative), as: UTF8.self)
    }

    private static let cachedRoot = Locked<URL?>(nil)
}
