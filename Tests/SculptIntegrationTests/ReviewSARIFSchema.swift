import Foundation

/// Validates SARIF with the `jsonschema` PyPI package against the OASIS schema in `../shared/review`
/// (or `$SCULPT_SHARED/review`). `scripts/setup-machine` installs jsonschema.
enum SARIFSchema {
    struct Invalid: Error, CustomStringConvertible { let description: String }

    static var schema: URL {
        if let shared = ProcessInfo.processInfo.environment["SCULPT_SHARED"], !shared.isEmpty {
            return URL(fileURLWithPath: shared).appendingPathComponent("review/sarif-schema-2.1.0.json")
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return package.appendingPathComponent("../shared/review/sarif-schema-2.1.0.json").standardizedFileURL
    }

    static func validate(_ sarif: Data) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sculpt-sarif-\(UUID().uuidString).json")
        try sarif.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1]))
        doc = json.load(open(sys.argv[2]))
        errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
        for e in errors[:5]:
            print("/".join(map(str, e.path)), e.message[:200])
        sys.exit(1 if errors else 0)
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, schema.path, file.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        if p.terminationStatus != 0 {
            throw Invalid(description: "SARIF does not validate against \(schema.path) (is jsonschema installed? scripts/setup-machine): \(out)")
        }
    }
}
