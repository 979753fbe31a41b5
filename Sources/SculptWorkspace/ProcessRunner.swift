import Foundation
import SculptCore

/// Runs one command to completion with a wall-time limit, capturing its output.
public struct ProcessRunner: Sendable {
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var timedOut: Bool
        public var seconds: Double
    }

    public init() {}

    public func run(_ arguments: [String], in directory: URL, environment: [String: String]? = nil, timeout: Double) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let collected = Locked(Data())
        pipe.fileHandleForReading.readabilityHandler = { h in
            let d = h.availableData
            if !d.isEmpty { collected.mutate { $0.append(d) } }
        }
        let start = Date()
        try process.run()
        let deadline = start.addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                kill(-process.processIdentifier, SIGKILL)
                process.terminate()
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        pipe.fileHandleForReading.readabilityHandler = nil
        let rest = pipe.fileHandleForReading.readDataToEndOfFile()
        collected.mutate { $0.append(rest) }
        return Result(status: process.terminationStatus, output: String(decoding: collected.value, as: UTF8.self),
                      timedOut: timedOut, seconds: Date().timeIntervalSince(start))
    }
}
