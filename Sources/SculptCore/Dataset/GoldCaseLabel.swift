import Foundation

/// Turns a case of the understanding benchmark (`understanding/cases/*.json`) into a labelled pair.
///
/// A case's gold is not a spec: it lists accepted names and only the constraints the requirement
/// states. The label takes the first accepted name, type and spelling of each item and the stated
/// constraints, with the decoder's defaults for everything else. Relations, roles, role-based
/// access and domain actions (contract v2) become the AppSpec's own; an item that would make the
/// spec invalid (an action's rule on a field the gold does not list) is left out and counted
/// (`droppedV2Items`).
public enum GoldCaseLabel {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public struct Result: Sendable {
        public var pair: LabelledRequirement
        /// Relations, roles, actions and role-based accesses that could not go into a valid label.
        public var droppedV2Items: Int
    }

    public static func label(caseJSON data: Data) throws -> Result {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let id = root["id"] as? String, let requirement = root["requirement"] as? String,
              let expect = root["expect"] as? [String: Any] else {
            throw Failure(description: "not a case file: it needs id, requirement and expect")
        }
        let language: Language = (root["language"] as? String) == "zh" ? .zh : .en
        var dropped = 0

        var accounts: Accounts?
        if let a = expect["accounts"] as? [String: Any] {
            let identity = try a["identity"].map { try field($0, language) }
                ?? Field(name: "username", label: language == .zh ? "用户名" : "Username", type: .string, required: true, unique: true)
            var policy = PasswordPolicy(label: language == .zh ? "密码" : "Password")
            if let p = a["password"] as? [String: Any] {
                if let v = p["minLength"] as? Double { policy.minLength = Int(v) }
                if let v = p["maxLength"] as? Double { policy.maxLength = Int(v) }
            }
            let login = a["login"] as? Bool ?? true
            accounts = Accounts(identity: identity, password: policy, fields: try (a["fields"] as? [Any] ?? []).map { try field($0, language) },
                                login: login, profile: (a["profile"] as? Bool ?? false) && login)
        }
        var entities: [Entity] = []
        for case let e as [String: Any] in expect["entities"] as? [Any] ?? [] {
            guard let name = first(e["names"]) else { throw Failure(description: "\(id): an entity without names") }
            let fields = try (e["fields"] as? [Any] ?? []).map { try field($0, language) }
            let operations = (e["operations"] as? [String])?.compactMap(EntityOperation.init(rawValue:)) ?? EntityOperation.allCases
            var access = Access.open
            var permissions: [EntityOperation: [Grant]] = [:]
            if let acc = e["access"] as? [String: Any] {
                let read = grants(acc["read"]), write = grants(acc["write"])
                access = Access(read: audience(read), write: audience(write))
                if read.contains(where: { $0.roleName != nil }) {
                    for op in [EntityOperation.list, .get] where operations.contains(op) { permissions[op] = read }
                }
                if write.contains(where: { $0.roleName != nil }) {
                    for op in [EntityOperation.create, .update, .delete] where operations.contains(op) { permissions[op] = write }
                }
            }
            if access != .open, accounts == nil {
                // Restricted access needs accounts; the gold leaves their shape open, so take the usual one.
                accounts = Accounts(identity: Field(name: "username", label: language == .zh ? "用户名" : "Username", type: .string,
                                                    required: true, unique: true, minLength: 3, maxLength: 32),
                                    password: PasswordPolicy(label: language == .zh ? "密码" : "Password"))
            }
            entities.append(Entity(name: name, plural: Plural.english(name), label: humanized(name),
                                   fields: fields, operations: operations, searchable: e["searchable"] as? [String] ?? [], access: access,
                                   permissions: permissions))
        }
        let roles = (expect["roles"] as? [Any] ?? []).compactMap(first).map { Role(name: $0, label: humanized($0)) }
        let appName = String(id.split(separator: "_").first ?? Substring(id))
        var spec = AppSpec(name: appName, title: humanized(appName), language: language, requirement: requirement,
                           accounts: accounts, entities: entities)
        V2Items(expect: expect, language: language).add(to: &spec, roles: roles, dropped: &dropped)
        let expectText = String(decoding: try JSONSerialization.data(withJSONObject: expect, options: [.sortedKeys]), as: UTF8.self)
        return Result(pair: LabelledRequirement(id: id, requirement: requirement, spec: spec,
                                                domain: LabelledRequirement.domain(of: spec), source: .gold, goldExpect: expectText),
                      droppedV2Items: dropped)
    }

    static func field(_ any: Any, _ language: Language) throws -> Field {
        guard let f = any as? [String: Any], let name = first(f["names"]) else { throw Failure(description: "a field without names") }
        let typeName = first(f["type"]) ?? (f["enum"] != nil ? "enum" : "string")
        guard let type = FieldType(rawValue: typeName) else { throw Failure(description: "field \(name): unknown type \(typeName)") }
        var out = Field(name: name, label: humanized(name), type: type, required: f["required"] as? Bool ?? false,
                        unique: f["unique"] as? Bool ?? false)
        out.minLength = (f["minLength"] as? Double).map { Int($0) }
        out.maxLength = (f["maxLength"] as? Double).map { Int($0) }
        if let m = f["minimum"] as? Double {
            if f["exclusive"] as? Bool == true { out.exclusiveMinimum = m } else { out.minimum = m }
        }
        out.maximum = f["maximum"] as? Double
        if let values = f["enum"] as? [Any] {
            out.allowedValues = values.compactMap { (v: Any) -> String? in
                if let spellings = v as? [Any] { return first(spellings) }
                return scalarText(v)
            }
        }
        if let d = f["default"] {
            // Through JSONDecoder, which tells true from 1 (a bridged NSNumber does not).
            let v = (d as? [Any])?.first ?? d
            if let data = try? JSONSerialization.data(withJSONObject: [v]),
               let decoded = try? JSONDecoder().decode([JSONValue].self, from: data) {
                out.defaultValue = decoded.first
            }
        }
        return out
    }

    /// The gold's AUD as grants: `"role:admin|administrator"` takes its first accepted name.
    static func grants(_ any: Any?) -> [Grant] {
        let values = (any as? [Any])?.compactMap { $0 as? String } ?? [(any as? String) ?? "anyone"]
        return values.compactMap { v in Grant(v.split(separator: "|").first.map(String.init) ?? v) }
    }

    /// The v1 audience nearest to the grants (a role-only access is at least signed in).
    static func audience(_ grants: [Grant]) -> Audience {
        if grants.contains(.anyone) { return .anyone }
        if grants.contains(.signedIn) { return .signedIn }
        if grants.contains(.owner) { return .owner }
        return .signedIn
    }

    static func first(_ any: Any?) -> String? {
        if let s = any as? String { return s }
        if let list = any as? [Any] { return list.lazy.compactMap { scalarText($0) }.first }
        return nil
    }

    static func scalarText(_ v: Any) -> String? {
        if let s = v as? String { return s }
        if let n = v as? Double { return CompactSpec.number(n) }
        return nil
    }

    /// `daily_price` → `Daily price`.
    public static func humanized(_ name: String) -> String {
        let words = name.split(separator: "_").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
