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
        // Candidates are made one at a time, most likely first: the later ones (`Bundle.main`,
        // a standardised path) cost more than the file check that usually ends the search.
        var searched: [URL] = []
        let candidates: [() -> URL?] = [
            {
                guard let env = ProcessInfo.processInfo.environment["SCULPT_RESOURCES"], !env.isEmpty else { return nil }
                return URL(fileURLWithPath: env)
            },
            { executableFolder().appendingPathComponent(bundleName).appendingPathComponent("Resources") },
            { executableFolder().appendingPathComponent("../share/sculpt/Resources").standardizedFileURL },
            {
                Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
                    .appendingPathComponent(bundleName).appendingPathComponent("Resources")
            },
            // The source tree this binary was built from, for development builds and tests.
            {
                URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                    .appendingPathComponent("Resources")
            },
        ]
        for make in candidates {
            guard let c = make() else { continue }
            if FileManager.default.fileExists(atPath: c.appendingPathComponent("Templates").path) {
                cachedRoot.set(c)
                return c
            }
            searched.append(c)
        }
        throw Missing(searched: searched.map(\.path))
    }

    /// The folder of the binary as invoked, symbolic links resolved (`realpath`: one call, where
    /// `URL.resolvingSymlinksInPath` examined each component).
    private static func executableFolder() -> URL {
        let invoked = CommandLine.arguments.first ?? ""
        guard let resolved = realpath(invoked, nil) else {
            return URL(fileURLWithPath: invoked).resolvingSymlinksInPath().deletingLastPathComponent()
        }
        defer { free(resolved) }
        return URL(fileURLWithPath: String(cString: resolved)).deletingLastPathComponent()
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
