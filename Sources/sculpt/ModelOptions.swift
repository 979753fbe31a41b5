import ArgumentParser
import Dispatch
import Foundation
import SculptCore
import SculptModel

#if canImport(Glibc)
import Glibc
#endif

/// `--model`, `--base-url` and friends: understanding a requirement with an OpenAI-compatible model.
///
/// A model is used when one is named by `--model`, `SCULPT_MODEL` or the config file; `--offline`
/// forces the built-in parser whatever is configured. Everything the model path prints goes to
/// stderr, so `sculpt spec --json` keeps stdout for the spec.
struct ModelOptions: ParsableArguments {
    @Option(help: "Understand the requirement with this model (any OpenAI-compatible endpoint; also SCULPT_MODEL).")
    var model: String?

    @Option(name: .customLong("base-url"), help: "The endpoint's API root, e.g. http://127.0.0.1:8080/v1 (also SCULPT_BASE_URL or OPENAI_BASE_URL; default OpenAI).")
    var baseURL: String?

    @Option(name: .customLong("model-timeout"), help: "Seconds one model request may take (also SCULPT_MODEL_TIMEOUT; default 300).")
    var modelTimeout: Double?

    @Flag(help: "Use the built-in parser even when a model is configured.")
    var offline = false

    /// The model settings, or nil when the offline parser should be used.
    func configuration() throws -> ModelConfiguration? {
        if offline { return nil }
        do {
            return try ModelConfiguration.resolve(flags: .init(model: model, baseURL: baseURL, timeout: modelTimeout))
        } catch let p as ModelConfiguration.Problem {
            throw UserError(message: p.description)
        }
    }

    /// Asks the model, prints what the user must know (warnings, differences from the offline
    /// parser, token usage) on stderr, and returns the spec. Ctrl-C cancels the request.
    func understand(_ text: String, with config: ModelConfiguration) throws -> (AppSpec, UnderstandingReport) {
        say("Understanding the requirement with the model '\(config.model)' at \(config.baseURL)...")
        let client = ChatClient(configuration: config, log: { say("sculpt: model: " + $0) })
        let outcome: Result<ModelUnderstanding, Error> = runCancellable {
            try await ModelUnderstander(client: client).understand(text)
        }
        let usage = runCancellable { (await client.meter.requests, await client.meter.summary()) }
        if case .success(let (answered, line)) = usage, answered > 0 { say("Model usage: " + line) }
        switch outcome {
        case .success(let u):
            for w in u.warnings { say("sculpt: warning: " + w) }
            if case .model = u.source {
                if u.differences.isEmpty {
                    say("The offline parser reads the requirement the same way.")
                } else {
                    say("Compared with the offline parser:")
                    for d in u.differences { say("  - " + d) }
                }
            }
            return (u.spec, u.report)
        case .failure(let e as ModelError) where e.kind == .cancelled:
            say("sculpt: cancelled; nothing was written")
            throw ExitCode(130)
        case .failure(let e as ModelError):
            throw UserError(message: e.message)
        case .failure(let e as UnderstandingError):
            throw UserError(message: e.description)
        case .failure(let e):
            throw UserError(message: config.apiKey?.scrub("\(e)") ?? "\(e)")
        }
    }
}

/// Runs async work from a synchronous command and waits for it; the first Ctrl-C cancels the
/// work (so requests are abandoned cleanly), a second one exits at once.
func runCancellable<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) -> Result<T, Error> {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let task = Task {
        do { box.value = .success(try await work()) } catch { box.value = .failure(error) }
        done.signal()
    }
    signal(SIGINT, SIG_IGN)
    let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    interrupts.setEventHandler {
        if task.isCancelled { _exit(130) }
        FileHandle.standardError.write(Data("\nsculpt: interrupted; stopping the model request (Ctrl-C again to quit now)\n".utf8))
        task.cancel()
    }
    interrupts.resume()
    done.wait()
    interrupts.cancel()
    signal(SIGINT, SIG_DFL)
    return box.value ?? .failure(CancellationError())
}

/// Hands a result from the async task to the waiting thread; the semaphore orders the accesses.
final class ResultBox<T>: @unchecked Sendable {
    var value: Result<T, Error>?
}
