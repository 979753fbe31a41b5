/// The prompt a fine-tuned model is trained with and later asked with: a short system message and
/// the requirement, answered by the compact spec (`CompactSpec`).
///
/// It is much shorter than the prompt general models get (rules and worked examples): the rules
/// are what training teaches, and every prompt token costs training and answering time on a CPU.
/// The model client sends exactly these messages when asked to (`SCULPT_MODEL_PROMPT=compact`), so
/// training and use cannot drift apart.
public enum TrainingPrompt {
    public static let system = "Turn the requirement into a compact AppSpec JSON object: English lower_snake_case names, labels in the requirement's language, constraints on their fields, only what is stated."

    public static func user(_ requirement: String) -> String {
        "Requirement: " + requirement
    }
}
