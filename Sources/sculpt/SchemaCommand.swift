import ArgumentParser
import SculptCore

/// `sculpt schema`: prints the JSON Schema of the app spec, for people and tools writing specs by hand.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "Print the JSON Schema of the app spec.")

    func run() throws {
        do { print(try Resources.text("appspec.schema.json"), terminator: "") } catch {
            throw fail("\(error)")
        }
    }
}
