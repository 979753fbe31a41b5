import Foundation

/// Line-by-line prose from a language model (`sculpt explain --model`), on top of the structural
/// notes: the prompt for one file, and the answer merged into the walk-through. The request itself
/// is made at the edge (the CLI's model client); this part is pure so it can be tested offline.
public enum LineProse {
    /// The system and user messages for one file: its lines numbered, the answer asked as JSON
    /// `{"lines": [{"line": 3, "text": "..."}]}` in the walk-through's language.
    public static func prompt(file: String, text: String, language: Language) -> (system: String, user: String) {
        let tongue = language == .zh ? "Simplified Chinese (简体中文); keep code identifiers as they are, in backticks" : "plain English"
        let system = "You explain code to people learning to program. For each numbered line that does something, write one or two short sentences in \(tongue): what the line does and why it matters. Answer only JSON: {\"lines\": [{\"line\": <number>, \"text\": \"...\"}]}."
        let numbered = SourceLines.split(text).enumerated().map { "\($0.offset + 1): \($0.element)" }.joined(separator: "\n")
        return (system, "File \(file):\n\(numbered)")
    }

    /// Attaches the model's sentences to the notes of `file`; returns how many were attached.
    /// Lines the notes do not cover, empty texts and an answer that is not the asked JSON are ignored.
    @discardableResult
    public static func merge(_ answer: String, file: String, into w: inout Walkthrough) -> Int {
        var body = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        if let start = body.firstIndex(of: "{"), let end = body.lastIndex(of: "}"), start < end { body = String(body[start...end]) }
        struct Answer: Decodable {
            struct Line: Decodable { var line: Int; var text: String }
            var lines: [Line]
        }
        guard let parsed = try? JSONDecoder().decode(Answer.self, from: Data(body.utf8)) else { return 0 }
        var attached = 0
        for item in parsed.lines {
            let text = item.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, let i = w.lines.firstIndex(where: { $0.file == file && $0.line <= item.line && item.line <= $0.endLine }) else { continue }
            w.lines[i].prose = [w.lines[i].prose, text].compactMap { $0 }.joined(separator: " ")
            attached += 1
        }
        return attached
    }
}
