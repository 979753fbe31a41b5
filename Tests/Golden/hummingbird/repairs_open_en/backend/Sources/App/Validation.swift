import Foundation

// sculpt:part field-rule-type
/// Any JSON value, decoded strictly with Codable: a number is never a string or a boolean, and the
/// other way round. Request bodies are decoded into this first, then each field is checked against
/// its `Rule`, so a wrong type or a missing field is a 400 naming the field, never a 500.
enum JSONValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}

/// One property of a request body, as the request schemas of openapi.json declare it.
struct Rule: Sendable {
    enum Kind: Sendable { case text, integer, number, boolean }
    enum Format: Sendable { case email, date, dateTime }

    var name: String
    var label: String
    var kind: Kind
    var format: Format? = nil
    var required = false
    var minLength: Int? = nil
    var maxLength: Int? = nil
    var minimum: Double? = nil
    var exclusiveMinimum: Double? = nil
    var maximum: Double? = nil
    var choices: [String] = []
    var defaultValue: JSONValue? = nil
}

// sculpt:part paging
/// The largest page a list answers, and the default.
enum Paging {
    static let maxPageSize = 100
    static let defaultPageSize = 20
    static let maxSearchLength = 200
}

// sculpt:part validate-fields
/// Reads the fields of one JSON object against their rules.
///
/// A full body (create, replace) must carry every required field; a field left out gets its default,
/// or nil. A partial body (PATCH) keeps only the fields it carries and must carry at least one.
/// `assigned` names the fields to store: every field for a full body, the sent ones for a partial one.
/// Unknown fields are ignored, so nothing the client sends can set `id`, an owner or a role.
struct FieldReader {
    let object: [String: JSONValue]
    let partial: Bool
    private(set) var assigned: Set<String> = []

    init(_ object: [String: JSONValue], partial: Bool = false) throws {
        if partial && object.isEmpty {
            throw APIError(.badRequest, "invalid", Messages.text("empty_patch"))
        }
        self.object = object
        self.partial = partial
    }

    /// The value to check: the one sent, else (full bodies only) the default; nil when there is none.
    private mutating func raw(_ rule: Rule) throws -> JSONValue? {
        if let value = object[rule.name] {
            assigned.insert(rule.name)
            if value == .null {
                throw rule.required ? APIError.invalid(rule, "required", code: "required") : APIError.invalid(rule, Self.typeMessage(rule))
            }
            return value
        }
        if partial { return nil }
        if rule.required { throw APIError.invalid(rule, "required", code: "required") }
        assigned.insert(rule.name)
        if let value = rule.defaultValue, value != .null { return value }
        return nil
    }

    static func typeMessage(_ rule: Rule) -> String {
        switch rule.kind {
        case .text: return "not_string"
        case .integer: return "not_integer"
        case .number: return "not_number"
        case .boolean: return "not_boolean"
        }
    }

    mutating func text(_ rule: Rule) throws -> String? {
        guard let value = try raw(rule) else { return nil }
        guard case .string(let text) = value else { throw APIError.invalid(rule, "not_string") }
        if text.isEmpty && rule.required { throw APIError.invalid(rule, "required", code: "required") }
        // Lengths count characters as JSON Schema does (Unicode code points).
        let length = text.unicodeScalars.count
        if let min = rule.minLength, length < min { throw APIError.invalid(rule, "too_short", ["min": String(min)]) }
        if let max = rule.maxLength, length > max { throw APIError.invalid(rule, "too_long", ["max": String(max)]) }
        if !rule.choices.isEmpty && !rule.choices.contains(text) {
            throw APIError.invalid(rule, "not_allowed", ["choices": rule.choices.joined(separator: ", ")])
        }
        switch rule.format {
        case .email?:
            guard Formats.isEmail(text) else { throw APIError.invalid(rule, "bad_email") }
            return text
        case .date?:
            guard Formats.isDate(text) else { throw APIError.invalid(rule, "bad_date") }
            return text
        case .dateTime?:
            guard let moment = Formats.utcDateTime(text) else { throw APIError.invalid(rule, "bad_datetime") }
            return moment
        case nil:
            return text
        }
    }

    mutating func integer(_ rule: Rule) throws -> Int64? {
        guard let value = try raw(rule) else { return nil }
        let number: Int64
        switch value {
        case .integer(let i):
            number = i
        case .number(let d):
            // JSON has one number type: 3.0 is the integer 3, but 2.5 is not an integer.
            guard d.rounded() == d else { throw APIError.invalid(rule, "not_integer") }
            guard let i = Int64(exactly: d) else { throw APIError.invalid(rule, "out_of_range") }
            number = i
        default:
            throw APIError.invalid(rule, "not_integer")
        }
        try Self.checkRange(rule, Double(number))
        return number
    }

    mutating func number(_ rule: Rule) throws -> Double? {
        guard let value = try raw(rule) else { return nil }
        let number: Double
        switch value {
        case .integer(let i): number = Double(i)
        case .number(let d): number = d
        default: throw APIError.invalid(rule, "not_number")
        }
        guard number.isFinite else { throw APIError.invalid(rule, "out_of_range") }
        try Self.checkRange(rule, number)
        return number
    }

    mutating func boolean(_ rule: Rule) throws -> Bool? {
        guard let value = try raw(rule) else { return nil }
        guard case .bool(let flag) = value else { throw APIError.invalid(rule, "not_boolean") }
        return flag
    }

    static func checkRange(_ rule: Rule, _ value: Double) throws {
        if let min = rule.minimum, value < min { throw APIError.invalid(rule, "too_small", ["min": Formats.number(min)]) }
        if let min = rule.exclusiveMinimum, value <= min { throw APIError.invalid(rule, "not_above", ["min": Formats.number(min)]) }
        if let max = rule.maximum, value > max { throw APIError.invalid(rule, "too_big", ["max": Formats.number(max)]) }
    }
}

/// The query of a list: `page` from 1, `page_size` from 1 to 100, and the search text `q`.
struct ListQuery: Sendable {
    var page: Int
    var pageSize: Int
    var search: String

    var offset: Int { (page - 1) * pageSize }

    init(_ query: [String: String]) throws {
        page = try Self.integer(query["page"], name: "page", default: 1)
        pageSize = try Self.integer(query["page_size"], name: "page_size", default: Paging.defaultPageSize)
        if page < 1 {
            throw APIError(.badRequest, "invalid", Messages.text("bad_page", ["name": "page"]), field: "page")
        }
        if !(1...Paging.maxPageSize).contains(pageSize) {
            throw APIError(.badRequest, "invalid", Messages.text("bad_page_size", ["max": String(Paging.maxPageSize)]), field: "page_size")
        }
        search = (query["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if search.unicodeScalars.count > Paging.maxSearchLength {
            throw APIError(.badRequest, "invalid", Messages.text("search_too_long", ["max": String(Paging.maxSearchLength)]), field: "q")
        }
    }

    static func integer(_ raw: String?, name: String, default value: Int) throws -> Int {
        guard let raw else { return value }
        // Whole numbers only, and small enough that page * page_size cannot overflow.
        guard (1...9).contains(raw.count), raw.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(raw) else {
            let key = name == "page_size" ? "bad_page_size" : "bad_page"
            throw APIError(.badRequest, "invalid", Messages.text(key, ["name": name, "max": String(Paging.maxPageSize)]), field: name)
        }
        return number
    }

    /// A parent filter of a list (`?project_id=3`): a whole number from 1, else 400 naming it; nil when absent.
    static func parent(_ query: [String: String], _ name: String) throws -> Int64? {
        guard let raw = query[name] else { return nil }
        guard (1...18).contains(raw.count), raw.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(raw), id >= 1 else {
            throw APIError(.badRequest, "invalid", Messages.text("bad_page", ["name": name]), field: name)
        }
        return id
    }

    /// A LIKE pattern matching `search` anywhere, with %, _ and \ matching themselves (ESCAPE '\').
    var likePattern: String {
        var escaped = ""
        for c in search {
            if c == "%" || c == "_" || c == "\\" { escaped.append("\\") }
            escaped.append(c)
        }
        return "%" + escaped + "%"
    }
}

// sculpt:part check-value
/// The text formats of openapi.json: email, date and date-time.
enum Formats {
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    /// `YYYY-MM-DD`, a real day of the calendar.
    static func isDate(_ text: String) -> Bool {
        dateParts(Substring(text)) != nil
    }

    static func dateParts(_ text: Substring) -> (year: Int, month: Int, day: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = digits(bytes[0..<4]), let month = digits(bytes[5..<7]), let day = digits(bytes[8..<10]),
              year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return (year, month, day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for b in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
        }
        return value
    }

    /// An ISO 8601 date and time (`2024-05-17T09:30:00Z`, `2024-05-17 09:30+08:00`, fractions allowed),
    /// normalised to UTC as `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`; a time without an offset is taken as UTC.
    static func utcDateTime(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") || bytes[10] == UInt8(ascii: " "),
              let (year, month, day) = dateParts(Substring(String(decoding: bytes[0..<10], as: UTF8.self))),
              bytes[13] == UInt8(ascii: ":"), let hour = digits(bytes[11..<13]), let minute = digits(bytes[14..<16]),
              hour < 24, minute < 60 else { return nil }
        var i = 16
        var second = 0
        var fraction = ""
        if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            guard i + 3 <= bytes.count, let s = digits(bytes[(i + 1)..<(i + 3)]), s < 60 else { return nil }
            second = s
            i += 3
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                var j = i + 1
                while j < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[j]) { j += 1 }
                guard (2...7).contains(j - i) else { return nil }
                fraction = String(decoding: bytes[i..<j], as: UTF8.self)
                i = j
            }
        }
        var offsetMinutes = 0
        if i < bytes.count {
            if bytes[i] == UInt8(ascii: "Z") || bytes[i] == UInt8(ascii: "z") {
                i += 1
            } else if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                guard i + 6 == bytes.count, bytes[i + 3] == UInt8(ascii: ":"),
                      let h = digits(bytes[(i + 1)..<(i + 3)]), let m = digits(bytes[(i + 4)..<(i + 6)]), h < 24, m < 60 else { return nil }
                offsetMinutes = (h * 60 + m) * (bytes[i] == UInt8(ascii: "-") ? -1 : 1)
                i += 6
            }
        }
        guard i == bytes.count else { return nil }
        // Days since 1970-01-01 (Howard Hinnant's days_from_civil), then back again in UTC.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        let total = days * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        let utcDays = Int((Double(total) / 86400).rounded(.down))
        let secs = total - utcDays * 86400
        let z = utcDays + 719468
        let era2 = (z >= 0 ? z : z - 146096) / 146097
        let doe2 = z - era2 * 146097
        let yoe2 = (doe2 - doe2 / 1460 + doe2 / 36524 - doe2 / 146096) / 365
        let doy2 = doe2 - (365 * yoe2 + yoe2 / 4 - yoe2 / 100)
        let mp = (5 * doy2 + 2) / 153
        let d2 = doy2 - (153 * mp + 2) / 5 + 1
        let m2 = mp < 10 ? mp + 3 : mp - 9
        let y2 = yoe2 + era2 * 400 + (m2 <= 2 ? 1 : 0)
        guard (1...9999).contains(y2) else { return nil }
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y2, 4))-\(pad(m2, 2))-\(pad(d2, 2))T\(pad(secs / 3600, 2)):\(pad(secs % 3600 / 60, 2)):\(pad(secs % 60, 2))\(fraction)Z"
    }

    /// A limit as people write it: 0, not 0.0; 2.5 stays 2.5.
    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
