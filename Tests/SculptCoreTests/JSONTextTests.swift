import Foundation
import Testing
@testable import SculptCore

/// `JSONText` writes what `JSONSerialization` wrote before it (key order, spacing, escapes, numbers),
/// so the files Sculpt generates did not change when it took over.
@Suite("JSON text")
struct JSONTextTests {
    private static func foundation(_ value: Any, pretty: Bool) throws -> String {
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]
        if pretty { options.insert(.prettyPrinted) }
        return String(decoding: try JSONSerialization.data(withJSONObject: value, options: options), as: UTF8.self)
    }

    static var samples: [Any] { [
        ["b": 1, "a": [Any](), "c": [String: Any](), "A": true, "a10": false, "a9": NSNull()] as [String: Any],
        ["_x": 1, "/a": 2, "/a/{id}": 3, "/b": 4, "200": 5, "1000": 6, "20": 7, "x-b": 8, "x_b": 9, "é": 10, "e": 11,
         "Ab": 12, "ab": 13, "aB": 14] as [String: Any],
        ["text": "quote \" backslash \\ slash / nl \n tab \t cr \r bs \u{8} ff \u{c} nul \u{0} us \u{1f} del \u{7f} 汉字 😀 \u{2028}"],
        ["numbers": [0.5, 2.25, -0.125, 1e20, 1.5e-7, 123456789.125, 0.1, Double.pi, -3.75]] as [String: Any],
        [["nested": [["deep": [1, 2, ["x": "y"]]]]]] as [Any],
        "a top-level string",
        [[Any](), [String: Any](), [[Any]()]] as [Any],
    ] }

    @Test("pretty and compact text match JSONSerialization's", arguments: 0..<7)
    func matchesFoundation(index: Int) throws {
        let value = Self.samples[index]
        #expect(JSONText.render(value) == (try Self.foundation(value, pretty: true)) + "\n")
        #expect(JSONText.compact(value) == (try Self.foundation(value, pretty: false)))
    }

    @Test("whole doubles print as integers, in values and in JSONValue")
    func wholeDoubles() {
        #expect(JSONText.compact(["a": 3.0, "b": [0.0, -2.0], "c": JSONValue.number(5)] as [String: Any]) == #"{"a":3,"b":[0,-2],"c":5}"#)
    }
}
