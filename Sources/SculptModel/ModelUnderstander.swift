import Foundation
import SculptCore

/// The outcome of understanding a requirement with a model.
public struct ModelUnderstanding: Sendable {
    public enum Source: Sendable, Equatable {
        /// The model's spec, accepted after `answers` answers (1 when the first was valid).
        case model(answers: Int)
        /// The model never produced a valid spec; the offline parser's was used.
        case offlineFallback
    }

    public var spec: AppSpec
    public var report: UnderstandingReport
    public var source: Source
    /// Where the model's spec and the offline parser's differ, when both produced one.
    public var differences: [String]
    /// Things the user must know (a fallback, an endpoint that refused schemas).
    public var warnings: [String]
}

/// Understands a requirement by asking a model for an `AppSpec`, then trusts nothing it says
/// without checking.
///
/// The request carries the requirement, the AppSpec schema as the response format and a few
/// worked examples. The answer is decoded and run through `SpecValidator`; a spec that fails goes
/// back to the model with the validator's exact words, up to `maxCorrections` times, since models
/// fix a named mistake far better than they avoid an unnamed one. One that still fails gives way
/// to the offline parser, with a warning. Transport failures (no server, a refused key, an unknown
/// model) are not hidden behind the fallback: they are the user's to fix, so they are thrown.
public struct ModelUnderstander: Sendable {
    public let client: ChatClient
    public var maxCorrections: Int
    /// A bound on each answer, so a looping model cannot run for ever.
    public var maxTokens: Int

    public init(client: ChatClient, maxCorrections: Int = 2, maxTokens: Int = 1024) {
        self.client = client
        self.maxCorrections = maxCorrections
        self.maxTokens = maxTokens
    }

    public func understand(_ requirement: String) async throws -> ModelUnderstanding {
        let text = requirement.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { throw UnderstandingError.empty }
        let offline: Result<Understanding, Error> = Result { try RequirementParser().understand(text) }
        let schema = try AppSpecSchema.response()
        var messages = Self.prompt(for: text)
        var lastProblems: [String] = []
        var warnings: [String] = []
        for answer in 1...(maxCorrections + 1) {
            try Task.checkCancellation()
            let completion: ChatCompletion
            do {
                // Streamed, so the timeout is between tokens: a slow local model that keeps
                // producing is given the time it needs, a stalled one is not.
                completion = try await client.streamedCompletion(ChatRequest(
                    messages: messages, temperature: 0, maxTokens: maxTokens,
                    responseFormat: .jsonSchema(name: "appspec", schema: schema, strict: true), seed: 1))
            } catch let e as ModelError where e.kind == .contextTooLong && answer > 1 {
                // The first request fitted; the correction (which repeats the answer) did not.
                lastProblems.append("the correction did not fit the model's context window")
                break
            }
            if ProcessInfo.processInfo.environment["SCULPT_MODEL_SHOW_ANSWERS"] == "1" {
                client.log("answer \(answer) (\(completion.finishReason ?? "no finish reason")): \(completion.content)")
            }
            switch Self.read(completion, requirement: text) {
            case .success(let accepted):
                let spec = accepted.spec
                if !client.schemaEnforced {
                    warnings.append("the endpoint refused json_schema output; the answer was checked locally instead")
                }
                var report = UnderstandingReport()
                report.notes.append("understood by the model '\(client.configuration.model)'" + (answer > 1 ? " after \(answer - 1) correction\(answer > 2 ? "s" : "")" : ""))
                report.notes += accepted.repairs.map { "model answer mended: " + $0 }
                let differences: [String]
                switch offline {
                case .success(let o): differences = SpecComparison.differences(offline: o.spec, model: spec)
                case .failure: differences = []
                    report.notes.append("the offline parser found nothing to build in this requirement, so there is nothing to compare")
                }
                return ModelUnderstanding(spec: spec, report: report, source: .model(answers: answer),
                                          differences: differences, warnings: warnings)
            case .failure(let problems):
                lastProblems = problems.items
                messages.append(ChatMessage(.assistant, String(completion.content.prefix(8000))))
                messages.append(ChatMessage(.user, "That answer is not a valid AppSpec:\n" + problems.map { "- " + $0 }.joined(separator: "\n")
                    + "\nAnswer again with the whole corrected JSON object only."))
            }
        }
        let summary = lastProblems.prefix(3).joined(separator: "; ") + (lastProblems.count > 3 ? "; …" : "")
        switch offline {
        case .success(let o):
            warnings.append("the model '\(client.configuration.model)' gave no valid spec in \(maxCorrections + 1) answers (last: \(summary)); used the offline parser instead")
            var report = o.report
            report.notes.insert("understood by the offline parser (the model's answers were not valid)", at: 0)
            return ModelUnderstanding(spec: o.spec, report: report, source: .offlineFallback, differences: [], warnings: warnings)
        case .failure(let error):
            throw ModelError(.invalidAnswer, "the model '\(client.configuration.model)' gave no valid spec in \(maxCorrections + 1) answers (last: \(summary)), and the offline parser could not read the requirement either (\(error)): try a larger model via \(client.configuration.change("model", flag: "--model", env: "SCULPT_MODEL")), or rephrase the requirement")
        }
    }

    /// The system instructions, the worked examples as earlier turns, then the requirement.
    static func prompt(for requirement: String) -> [ChatMessage] {
        // A model fine-tuned on `sculpt dataset synth` data is asked exactly as it was trained.
        if ProcessInfo.processInfo.environment["SCULPT_MODEL_PROMPT"] == "compact" {
            return [ChatMessage(.system, TrainingPrompt.system), ChatMessage(.user, TrainingPrompt.user(requirement))]
        }
        var messages = [ChatMessage(.system, instructions)]
        for example in WorkedExamples.all {
            messages.append(ChatMessage(.user, "Requirement: " + example.requirement))
            messages.append(ChatMessage(.assistant, example.spec))
        }
        messages.append(ChatMessage(.user, "Requirement: " + requirement))
        return messages
    }

    static let instructions = """
        You turn a software requirement into an AppSpec: one JSON object describing the application to build. Rules:
        - name: the app's English identifier in lower_snake_case; title: a short title in the requirement's language.
        - language: "zh" when the requirement is Chinese, otherwise "en". Labels are in that language; every name is English lower_snake_case.
        - accounts: only when people sign up or log in. identity is "username" (type string) or "email" (type email), required and unique. login and profile only when the requirement asks for them. Never make an entity called "user": extra profile fields go in accounts.fields.
        - entities: the things the application stores, each with its fields, operations (create, list, get, update, delete; always include create), searchable text fields, and access (read and write: anyone, signed_in or owner; restricted access needs accounts).
        - fields: never id, owner_id, created_at, updated_at or password. type is one of string, text, integer, number, boolean, email, date, datetime, enum. Put each stated constraint on its field: required, unique, minLength/maxLength for text, minimum/exclusiveMinimum/maximum for numbers, allowedValues with type enum.
        - Linked records (version 2): "each comment belongs to a post" gives the comment an integer field post_id with relation {"entity": "post", "onDelete": "cascade" for parts of the parent (comments, items), "restrict" otherwise or as stated}.
        - Roles (version 2): "admins can delete" gives accounts.roles [{"name": "admin", "label": ...}] and the entity's permissions {"delete": ["role:admin"]}; grants are anyone, signed_in, owner or role:<name>, a list meaning any of them. People who merely use the app (readers, customers, students) are the accounts, not entities and not roles.
        - Domain actions (version 2): a verb on one record (borrow, like, cancel, approve, enroll) is an action on that entity, never a new entity: {"name": "borrow", "label": ..., "access": ["signed_in"], "preconditions": [{"field": "stock", "op": ">", "value": 0}], "effects": [{"kind": "increment", "field": "stock", "by": -1}, {"kind": "create", "entity": "loan"}], "oncePerUser": false}. A precondition's value may be {"field": "capacity"}. An entity an action creates belongs to the acted-on entity (a relation) and is owned (access owner).
        - version is 2 when the spec uses relations, roles, permissions or actions, else 1.
        - Include only what the requirement states or clearly implies; invent nothing.
        Answer with the JSON object only.
        """

    /// A valid spec read from an answer, and the slips `AnswerRepair` mended on the way.
    struct AcceptedAnswer {
        var spec: AppSpec
        var repairs: [String]
    }

    /// Decodes and validates an answer, mending mechanical slips first (`AnswerRepair`); on
    /// failure, the problems of the answer as written, in words the model can act on.
    static func read(_ completion: ChatCompletion, requirement: String) -> Result<AcceptedAnswer, ProblemList> {
        guard let data = answerData(completion.content, requirement: requirement) else {
            if completion.finishReason == "length" {
                return .failure(ProblemList(["the answer was cut off before the JSON object ended; give a shorter spec"]))
            }
            return .failure(ProblemList(["the answer is not a JSON object"]))
        }
        do {
            return .success(AcceptedAnswer(spec: try SpecCoding.decode(data), repairs: []))
        } catch SpecError.invalid(let problems) {
            // It decoded, so it decodes again without the validator; mended, it may pass.
            if let raw = try? JSONDecoder().decode(AppSpec.self, from: data) {
                let (mended, repairs) = AnswerRepair.mend(raw)
                if !repairs.isEmpty && SpecValidator.problems(in: mended).isEmpty {
                    return .success(AcceptedAnswer(spec: mended, repairs: repairs))
                }
            }
            return .failure(ProblemList(problems.map(\.description)))
        } catch SpecError.unreadable(let why) {
            return .failure(ProblemList([why]))
        } catch {
            return .failure(ProblemList(["\(error)"]))
        }
    }

    /// An answer as `sculpt spec --model` would use it: decoded, then mended (`AnswerRepair`), not
    /// yet validated; for scoring answers outside a conversation (`sculpt dataset mend-answer`).
    public static func mendAnswer(_ content: String) throws -> (spec: AppSpec, repairs: [String]) {
        guard let data = answerData(content, requirement: nil) else { throw SpecError.unreadable("the answer is not a JSON object") }
        do {
            return AnswerRepair.mend(try JSONDecoder().decode(AppSpec.self, from: data))
        } catch {
            _ = try SpecCoding.decode(data)  // the decoder's error in the words spec files get
            throw error
        }
    }

    /// The answer as spec JSON: a Markdown fence removed, Sculpt's own keys (version when missing,
    /// the requirement) set; nil when it is not a JSON object.
    static func answerData(_ answer: String, requirement: String?) -> Data? {
        var content = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        // Models without enforced output like to wrap JSON in a Markdown fence.
        if content.hasPrefix("```") {
            content = content.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
                .filter { !$0.hasPrefix("```") }.joined(separator: "\n")
        }
        guard let json = JSON.parse(content), case .object(var pairs) = json else { return nil }
        // Sculpt fills these in itself; a model's version of them is not trusted.
        pairs.removeAll { ["requirement", "clauses"].contains($0.0) }
        if !pairs.contains(where: { $0.0 == "version" }) { pairs.insert(("version", .number(1)), at: 0) }
        if let requirement { pairs.append(("requirement", .string(requirement))) }
        return Data(JSON.object(pairs).text.utf8)
    }

    struct ProblemList: Error, Sequence {
        let items: [String]
        /// Each problem once: a looping model repeats the same mistake many times.
        init(_ items: [String]) {
            var seen = Set<String>()
            self.items = items.filter { seen.insert($0).inserted }
        }
        func makeIterator() -> IndexingIterator<[String]> { items.makeIterator() }
    }
}
