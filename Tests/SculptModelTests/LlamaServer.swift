import Foundation
import SculptModel

/// A real llama.cpp `llama-server` for the tests: the one CI started (`SCULPT_TEST_LLAMA_URL`,
/// `SCULPT_TEST_LLAMA_KEY`; `SCULPT_TEST_SMOLLM2_URL` for the real model), or one the tests start
/// from the cache `scripts/llama-server` fills. When neither exists the tests that need it skip,
/// saying how to get one.
struct LlamaEndpoint: Sendable {
    let baseURL: String
    let key: String
    let model: String

    func configuration(timeout: Double = 120, retries: Int = 1, key override: String? = nil) -> ModelConfiguration {
        ModelConfiguration(model: model, baseURL: baseURL, apiKey: APIKey(override ?? key), timeout: timeout, maxRetries: retries)
    }
}

enum LlamaServers {
    static let skipReason = "no llama-server: run `scripts/with-llama-server swift test ...`, or `scripts/llama-server build` and `scripts/llama-server model tiny|smollm2` once so the tests can start one"

    static let cache: URL = {
        let env = ProcessInfo.processInfo.environment
        if let c = env["SCULPT_CACHE"], !c.isEmpty { return URL(fileURLWithPath: c) }
        return URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(".cache/sculpt")
    }()

    /// The tiny random model's server.
    static let tiny: LlamaEndpoint? = endpoint(urlVar: "SCULPT_TEST_LLAMA_URL", modelName: "tiny", file: "tiny-llama.gguf")
    /// SmolLM2-135M-Instruct's server.
    static let smollm2: LlamaEndpoint? = endpoint(urlVar: "SCULPT_TEST_SMOLLM2_URL", modelName: "smollm2", file: "SmolLM2-135M-Instruct.Q4_1.gguf")

    static func endpoint(urlVar: String, modelName: String, file: String) -> LlamaEndpoint? {
        let env = ProcessInfo.processInfo.environment
        if let url = env[urlVar], !url.isEmpty {
            return LlamaEndpoint(baseURL: url, key: env["SCULPT_TEST_LLAMA_KEY"] ?? "", model: modelName)
        }
        let binary = cache.appendingPathComponent("llama-server/0.3.36/llama-server").path
        let model = cache.appendingPathComponent("models/\(file)").path
        guard FileManager.default.isExecutableFile(atPath: binary), FileManager.default.fileExists(atPath: model) else { return nil }
        return start(binary: binary, model: model, alias: modelName)
    }

    /// Starts a server on a free port with a random key; it is killed when the test process exits.
    static func start(binary: String, model: String, alias: String) -> LlamaEndpoint? {
        let port = freePort()
        let key = "sk-sculpt-test-" + UUID().uuidString.lowercased()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["--host", "127.0.0.1", "--port", String(port), "--api-key", key, "-m", model, "--alias", alias,
                       "--ctx-size", "16384", "--parallel", "2", "--threads", "1"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        lock.lock()
        started.append(p.processIdentifier)
        // SIGKILL: llama-server finishes its open slots on SIGTERM and was seen still running minutes
        // after the test process had exited.
        if started.count == 1 { atexit { for pid in LlamaServers.started { kill(pid, SIGKILL) } } }
        lock.unlock()
        let health = URL(string: "http://127.0.0.1:\(port)/health")!
        for _ in 0..<600 {
            if let data = try? Data(contentsOf: health), String(decoding: data, as: UTF8.self).contains("ok") {
                return LlamaEndpoint(baseURL: "http://127.0.0.1:\(port)/v1", key: key, model: alias)
            }
            if !p.isRunning { return nil }
            usleep(100_000)
        }
        return nil
    }

    nonisolated(unsafe) static var started: [pid_t] = []
    static let lock = NSLock()

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
