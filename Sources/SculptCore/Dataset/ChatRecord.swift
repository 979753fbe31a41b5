import Foundation

/// One line of a chat fine-tuning file: `{"messages": [{"role": ..., "content": ...}, ...]}`, the
/// shape OpenAI-compatible fine-tuning services and Hugging Face TRL both read. Nothing else is on
/// the line (some services refuse unknown keys); what evaluation needs goes in a file beside it.
public struct ChatRecord: Codable, Equatable, Sendable {
    public struct Message: Codable, Equatable, Sendable {
        public var role: String
        public var content: String
        public init(role: String, content: String) {
            self.role = role
            self.content = content
        }
    }

    public var messages: [Message]

    public init(messages: [Message]) { self.messages = messages }

    /// system, user (the requirement), assistant (the compact spec).
    public init(_ pair: LabelledRequirement) {
        messages = [
            Message(role: "system", content: TrainingPrompt.system),
            Message(role: "user", content: TrainingPrompt.user(pair.requirement)),
            Message(role: "assistant", content: CompactSpec.encode(pair.spec)),
        ]
    }

    /// The record as one JSON line (no trailing newline).
    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}
