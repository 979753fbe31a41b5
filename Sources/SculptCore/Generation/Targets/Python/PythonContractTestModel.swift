import Foundation

/// A function body's lines, indented once; blank lines stay empty.
private func indented(_ lines: [String]) -> [String] { lines.map { $0.isEmpty ? "" : "    " + $0 } }

/// The generated tests of contract v2 for one entity (`tests/test_<plural>_rules.py`): each relation
/// (unknown parent, list by parent, cascade or restrict), each operation reserved to a role, and each
/// domain action (effects, preconditions, once per user, unknown id, the race), citing their clauses.
struct PythonContractTestModel {
    let present: Bool
    let name: String
    let plural: String
    let url: String
    let helperImports: String
    let usesMessage: Bool
    let usesThreads: Bool
    let hasParentSetup: Bool
    let parentSetup: [String]
    let relations: [TestFunction]
    let roles: [TestFunction]
    let actions: [Action]

    /// One generated test function: its name, its docstring citing the clause, and its body.
    struct TestFunction {
        let function: String
        let docstring: String
        let lines: [String]

        init(function: String, docstring: String, lines: [String]) {
            self.function = function
            self.docstring = docstring
            self.lines = indented(lines)
        }
    }

    struct Action {
        let function: String
        let docstring: String
        let fixtures: String
        let lines: [String]

        init(function: String, docstring: String, fixtures: String, lines: [String]) {
            self.function = function
            self.docstring = docstring
            self.fixtures = fixtures
            self.lines = indented(lines)
        }
    }

    /// The headers expression of a caller `grants` admit: nobody's, the given owner's (a signed-in
    /// user who created the record), or the admin account's (it holds every role).
    static func who(_ grants: [Grant], owner: String) -> String {
        if grants.allowsAnyone { return "{}" }
        if grants.allowsEverySignedIn || grants.contains(.owner) { return owner }
        return "admin_headers(client)"
    }

    static func creator(_ e: Entity) -> String { who(e.grants(for: .create), owner: "sign_in(client)") }

    /// Lines creating record 1 of every entity `e` belongs to (ancestors first), which samples point at.
    static func parentSetup(_ e: Entity, spec: AppSpec) -> [String] {
        var order: [Entity] = []
        func visit(_ x: Entity, depth: Int) {
            guard depth < 8 else { return }
            for (_, r) in x.relations {
                guard let p = spec.entity(named: r.entity), !order.contains(where: { $0.name == p.name }) else { continue }
                visit(p, depth: depth + 1)
                if !order.contains(where: { $0.name == p.name }) { order.append(p) }
            }
        }
        visit(e, depth: 0)
        return order.filter { $0.supports(.create) }.map { p in
            "assert client.post(\"/api/\(p.plural)\", json=sample_\(p.name)(), headers=\(creator(p))).status_code == 201"
        }
    }

    static func plan(_ e: Entity, spec: AppSpec, context: GenerationContext, plan: TestPlan) -> () -> PythonContractTestModel {
        let ref = "entities.\(e.name)"
        let key = "\(e.name).v2."
        let label = e.label
        var pendingRelations: [() -> TestFunction] = []
        var pendingRoles: [() -> TestFunction] = []
        var pendingActions: [() -> Action] = []
        var helpers: Set<String> = ["error_of", "sample_\(e.name)"]
        var usesMessage = false, usesThreads = false
        let creator = Self.creator(e)
        func grantsNeed(_ text: String) {
            if text.contains("sign_in(") { helpers.insert("sign_in") }
            if text.contains("admin_headers(") { helpers.insert("admin_headers") }
        }
        grantsNeed(creator)

        // Relations: e belongs to each parent.
        for (f, r) in e.relations where e.supports(.create) {
            guard let p = spec.entity(named: r.entity) else { continue }
            let fl = PythonCode.string(f.name)
            let fref = "\(ref).fields.\(f.name)"
            let k1 = key + "parent.\(f.name)"
            plan.add(k1, "Refuses a \(label) whose \(f.label) names no \(p.label): 400 naming the field \(f.name).",
                     refs: [fref, fref + ".relation", "\(ref).relations"])
            usesMessage = true
            helpers.insert("with_value")
            pendingRelations.append {
                TestFunction(function: "test_\(f.name)_must_name_an_existing_\(p.name)", docstring: plan.docstring(k1), lines: [
                    "headers = \(creator)",
                    "error = error_of(client.post(URL, json=with_value(sample_\(e.name)(), \(fl), 987654), headers=headers), 400)",
                    "assert error[\"field\"] == \(fl) and error[\"code\"] == \"invalid\"",
                    "assert error[\"message\"] == message(\"parent_missing\", label=\(PythonCode.string(p.label)))",
                    "assert client.post(URL, json=with_value(sample_\(e.name)(), \(fl), 1), headers=headers).status_code == 201",
                ])
            }
            let parentCreator = Self.creator(p)
            grantsNeed(parentCreator)
            helpers.insert("sample_\(p.name)")
            if e.supports(.list) {
                let k2 = key + "filter.\(f.name)"
                plan.add(k2, "Lists only the \(label) of one \(p.label) with ?\(f.name)=N; any other N is a 400.",
                         refs: ["\(ref).list", fref + ".relation", "\(ref).relations"])
                let listHeaders = Self.who(e.grants(for: .list), owner: "headers")
                grantsNeed(listHeaders)
                pendingRelations.append {
                    TestFunction(function: "test_list_\(e.plural)_by_\(p.name)", docstring: plan.docstring(k2), lines: [
                        "headers = \(creator)",
                        "other = client.post(\"/api/\(p.plural)\", json=sample_\(p.name)(), headers=\(parentCreator)).json()[\"id\"]",
                        "mine = client.post(URL, json=with_value(sample_\(e.name)(), \(fl), 1), headers=headers).json()",
                        "theirs = client.post(URL, json=with_value(sample_\(e.name)(), \(fl), other), headers=headers).json()",
                        "readers = \(listHeaders)",
                        "listed = client.get(URL, params={\(fl): 1}, headers=readers).json()[\"items\"]",
                        "assert [item[\"id\"] for item in listed] == [mine[\"id\"]]",
                        "listed = client.get(URL, params={\(fl): other}, headers=readers).json()[\"items\"]",
                        "assert [item[\"id\"] for item in listed] == [theirs[\"id\"]]",
                        "for bad in (\"0\", \"-1\", \"x\", \"1.5\"):",
                        "    assert error_of(client.get(URL, params={\(fl): bad}, headers=readers), 400)[\"field\"] == \(fl)",
                    ])
                }
            }
            if p.supports(.delete) {
                let k3 = key + "delete.\(f.name)"
                let cascade = r.onDelete == .cascade
                plan.add(k3, cascade ? "Deleting a \(p.label) deletes its \(label) with it, in one transaction."
                                     : "Deleting a \(p.label) that still has \(label) is refused (409); once they are gone it may be deleted.",
                         refs: ["entities.\(p.name).delete", fref + ".relation", fref + ".relation.onDelete", "\(ref).relations"])
                let deleter = Self.who(p.grants(for: .delete), owner: "parent_headers")
                grantsNeed(deleter)
                var lines = [
                    "headers = \(creator)",
                    "parent_headers = \(parentCreator)",
                    "parent = client.post(\"/api/\(p.plural)\", json=sample_\(p.name)(), headers=parent_headers).json()[\"id\"]",
                    "child = client.post(URL, json=with_value(sample_\(e.name)(), \(fl), parent), headers=headers).json()",
                    "response = client.delete(f\"/api/\(p.plural)/{parent}\", headers=\(deleter))",
                ]
                if cascade {
                    lines.append("assert response.status_code == 204")
                    if e.supports(.get) {
                        let reader = Self.who(e.grants(for: .get), owner: "headers")
                        grantsNeed(reader)
                        lines.append("error_of(client.get(f\"{URL}/{child['id']}\", headers=\(reader)), 404)")
                    } else if e.supports(.list) {
                        let reader = Self.who(e.grants(for: .list), owner: "headers")
                        grantsNeed(reader)
                        lines.append("assert all(item[\"id\"] != child[\"id\"] for item in client.get(URL, headers=\(reader)).json()[\"items\"])")
                    }
                } else {
                    lines.append("assert error_of(response, 409)[\"code\"] == \"conflict\"")
                    if p.supports(.get) {
                        let reader = Self.who(p.grants(for: .get), owner: "parent_headers")
                        grantsNeed(reader)
                        lines.append("assert client.get(f\"/api/\(p.plural)/{parent}\", headers=\(reader)).status_code == 200")
                    }
                    if e.supports(.delete) {
                        let childDeleter = Self.who(e.grants(for: .delete), owner: "headers")
                        grantsNeed(childDeleter)
                        lines.append("assert client.delete(f\"{URL}/{child['id']}\", headers=\(childDeleter)).status_code == 204")
                        lines.append("assert client.delete(f\"/api/\(p.plural)/{parent}\", headers=\(deleter)).status_code == 204")
                    }
                }
                pendingRelations.append {
                    TestFunction(function: "test_deleting_a_\(p.name)_\(cascade ? "deletes_its_\(e.plural)" : "with_\(e.plural)_is_refused")",
                             docstring: plan.docstring(k3), lines: lines)
                }
            }
        }

        // A child only an action makes (a loan made by borrowing): its parent's delete is proved through that action.
        for (f, r) in e.relations where !e.supports(.create) && e.supports(.list) {
            guard let p = spec.entity(named: r.entity), p.supports(.create), p.supports(.delete),
                  let a = p.actions.first(where: { $0.createdEntity == e.name }) else { continue }
            let fl = PythonCode.string(f.name)
            let fref = "\(ref).fields.\(f.name)"
            let cascade = r.onDelete == .cascade
            let k = key + "delete.\(f.name)"
            plan.add(k, cascade ? "Deleting a \(p.label) deletes the \(label) its \(a.label) made, in one transaction."
                                 : "Deleting a \(p.label) that still has \(label) (made by \(a.label)) is refused with 409.",
                     refs: ["entities.\(p.name).delete", fref + ".relation", fref + ".relation.onDelete", "\(ref).relations"])
            let parentCreator = Self.creator(p)
            let caller = a.access.allowsEverySignedIn && !a.access.allowsAnyone ? "sign_in(client)" : Self.who(a.access, owner: "parent_headers")
            let deleter = Self.who(p.grants(for: .delete), owner: "parent_headers")
            let reader = Self.who(e.grants(for: .list), owner: "caller")
            for text in [parentCreator, caller, deleter, reader] { grantsNeed(text) }
            helpers.insert("sample_\(p.name)")
            let start = Self.satisfying(a, p)
            let body = start.isEmpty ? "sample_\(p.name)()" : "{**sample_\(p.name)(), **\(PythonCode.dict(start))}"
            var lines = [
                "parent_headers = \(parentCreator)",
                "parent = client.post(\"/api/\(p.plural)\", json=\(body), headers=parent_headers).json()[\"id\"]",
                "caller = \(caller)",
                "assert client.post(f\"/api/\(p.plural)/{parent}/\(a.name)\", headers=caller).status_code == \(a.onlyCreates ? 201 : 200)",
                "",
                "def children():",
                "    return client.get(URL, params={\(fl): parent}, headers=\(reader)).json()[\"items\"]",
                "",
                "assert len(children()) == 1",
                "response = client.delete(f\"/api/\(p.plural)/{parent}\", headers=\(deleter))",
            ]
            if cascade {
                lines += ["assert response.status_code == 204", "assert children() == []"]
            } else {
                lines += ["assert error_of(response, 409)[\"code\"] == \"conflict\"", "assert len(children()) == 1"]
            }
            pendingRelations.append {
                TestFunction(function: "test_deleting_a_\(p.name)_\(cascade ? "deletes_its_\(e.plural)" : "with_\(e.plural)_is_refused")",
                         docstring: plan.docstring(k), lines: lines)
            }
        }

        // Operations reserved to a role.
        for op in e.operations {
            let grants = e.grants(for: op)
            guard !grants.roleNames.isEmpty, !grants.allowsEverySignedIn else { continue }
            if op != .create && op != .list && !e.supports(.create) { continue }
            let k = key + "role.\(op.rawValue)"
            let roles = grants.roleNames
            let roleLabels = roles.map { r in spec.roles.first { $0.name == r }?.label ?? r }
            plan.add(k, "Only a \(roleLabels.joined(separator: " or "))\(grants.contains(.owner) ? " or the owner" : "") may \(op.rawValue) a \(label): no token 401, a plain user 403 (also one who asked for the role at sign-up), the account holding the role succeeds.",
                     refs: ["\(ref).permissions.\(op.rawValue)", "\(ref).permissions"] + roles.map { "accounts.roles.\($0)" })
            helpers.formUnion(["admin_headers", "greedy_sign_in", "sign_in"])
            pendingRoles.append {
                var lines = ["admin = admin_headers(client)", "plain = sign_in(client)", "greedy = greedy_sign_in(client)"]
                let call: String
                let ok: Int
                switch op {
                case .create: call = "client.post(URL, json=sample_\(e.name)(), headers=headers)"; ok = 201
                case .list: call = "client.get(URL, headers=headers)"; ok = 200
                case .get: call = "client.get(f\"{URL}/{created['id']}\", headers=headers)"; ok = 200
                case .update: call = "client.put(f\"{URL}/{created['id']}\", json=sample_\(e.name)(), headers=headers)"; ok = 200
                case .delete: call = "client.delete(f\"{URL}/{created['id']}\", headers=headers)"; ok = 204
                }
                if op != .create && op != .list {
                    lines.append("created = client.post(URL, json=sample_\(e.name)(), headers=admin).json()")
                }
                lines += [
                    "",
                    "def call(headers):",
                    "    return \(call)",
                    "",
                    "error_of(call({}), 401)",
                    "error_of(call({\"Authorization\": \"Bearer not-a-token\"}), 401)",
                    "for headers in (plain, greedy):",
                    "    assert error_of(call(headers), 403)[\"code\"] == \"forbidden\"",
                    "assert call(admin).status_code == \(ok)",
                ]
                return TestFunction(function: "test_only_\(roles[0])_may_\(op.rawValue)_\(e.plural)", docstring: plan.docstring(k), lines: lines)
            }
        }

        // Domain actions.
        for a in e.actions where e.supports(.create) {
            let aref = "\(ref).actions.\(a.name)"
            let path = "f\"{URL}/{record['id']}/\(a.name)\""
            // Any signed-in user when the action allows it (not only the record's creator), else the owner or the admin.
            let caller = a.access.allowsEverySignedIn && !a.access.allowsAnyone ? "sign_in(client)" : Self.who(a.access, owner: "headers")
            grantsNeed(caller)
            let start = Self.satisfying(a, e)
            let broken = Self.breaking(a, e)
            let startBody = start.isEmpty ? "sample_\(e.name)()" : "{**sample_\(e.name)(), **\(PythonCode.dict(start))}"
            let successStatus = a.onlyCreates ? 201 : 200
            // Success and effects.
            let kOk = key + "action.\(a.name)"
            plan.add(kOk, "\(a.label): answers \(successStatus)\(a.effects.isEmpty ? "" : " and applies its effects (\(a.effects.map(Self.describe).joined(separator: ", ")))").",
                     refs: [aref, aref + ".effects", "\(ref).actions"])
            var okLines = [
                "headers = \(creator)",
                "record = client.post(URL, json=\(startBody), headers=headers).json()",
                "caller = \(caller)",
                "response = client.post(\(path), headers=caller)",
                "assert response.status_code == \(successStatus), response.json()",
                "data = response.json()",
            ]
            if !a.onlyCreates {
                okLines.append("assert data[\"id\"] == record[\"id\"]")
                for effect in a.effects {
                    switch effect {
                    case .increment(let f, let by):
                        let step = e.field(named: f)?.type == .integer ? String(Int(by)) : PythonCode.number(by)
                        okLines.append("assert data[\(PythonCode.string(f))] == (record[\(PythonCode.string(f))] or 0) + \(step.hasPrefix("-") ? "(\(step))" : step)")
                    case .set(let f, let v):
                        okLines.append("assert data[\(PythonCode.string(f))] == \(PythonCode.value(v))")
                    case .create: break
                    }
                }
            }
            if let madeName = a.createdEntity, let made = spec.entity(named: madeName),
               let link = made.relations.first(where: { $0.relation.entity == e.name }) {
                let lf = PythonCode.string(link.field.name)
                if a.onlyCreates {
                    okLines.append("assert data[\(lf)] == record[\"id\"]")
                } else if made.supports(.list) {
                    let reader = Self.who(made.grants(for: .list), owner: "caller")
                    grantsNeed(reader)
                    okLines.append("made = client.get(\"/api/\(made.plural)\", params={\(lf): record[\"id\"]}, headers=\(reader)).json()[\"items\"]")
                    okLines.append("assert [item[\(lf)] for item in made] == [record[\"id\"]]")
                }
            }
            pendingActions.append { Action(function: "test_\(a.name)_\(e.name)", docstring: plan.docstring(kOk), fixtures: "client", lines: okLines) }

            // A broken precondition.
            if !a.preconditions.isEmpty, !broken.isEmpty {
                let kPre = key + "action.\(a.name).precondition"
                let text = RuleWording.message(a.preconditions[0], of: e, catalog: context.catalog)
                plan.add(kPre, "\(a.label) is refused with 409 precondition_failed while its rule does not hold (\(text)); nothing changes.",
                         refs: [aref + ".preconditions", aref])
                var lines = [
                    "headers = \(creator)",
                    "record = client.post(URL, json={**sample_\(e.name)(), **\(PythonCode.dict(broken))}, headers=headers).json()",
                    "error = error_of(client.post(\(path), headers=\(caller)), 409)",
                    "assert error[\"code\"] == \"precondition_failed\"",
                    "assert error[\"message\"] == \(PythonCode.string(text))",
                ]
                if e.supports(.get) {
                    let reader = Self.who(e.grants(for: .get), owner: "headers")
                    grantsNeed(reader)
                    lines.append("assert client.get(f\"{URL}/{record['id']}\", headers=\(reader)).json() == record")
                }
                pendingActions.append { Action(function: "test_\(a.name)_\(e.name)_refused_while_its_rule_does_not_hold", docstring: plan.docstring(kPre), fixtures: "client", lines: lines) }
            }
            // Once per user.
            if a.oncePerUser {
                let kOnce = key + "action.\(a.name).once"
                plan.add(kOnce, "Each user may \(a.label) a \(label) once: the second time answers 409 conflict.",
                         refs: [aref + ".oncePerUser", aref])
                usesMessage = true
                pendingActions.append {
                    Action(function: "test_\(a.name)_\(e.name)_once_per_user", docstring: plan.docstring(kOnce), fixtures: "client", lines: [
                        "headers = \(creator)",
                        "record = client.post(URL, json=\(startBody), headers=headers).json()",
                        "caller = \(caller)",
                        "assert client.post(\(path), headers=caller).status_code == \(successStatus)",
                        "error = error_of(client.post(\(path), headers=caller), 409)",
                        "assert error[\"code\"] == \"conflict\"",
                        "assert error[\"message\"] == message(\"already_done\", action=\(PythonCode.string(a.label)))",
                    ])
                }
            }
            // Unknown id, no token.
            let kMissing = key + "action.\(a.name).missing"
            plan.add(kMissing, "\(a.label) on a \(label) that does not exist answers 404\(a.access.allowsAnyone ? "" : "; without a token 401").",
                     refs: [aref])
            var missingLines = ["caller = \(caller)", "error_of(client.post(f\"{URL}/987654/\(a.name)\", headers=caller), 404)"]
            // The creator's headers only where a record is made below or the caller is its owner.
            if !a.access.allowsAnyone || caller.contains("headers") { missingLines.insert("headers = \(creator)", at: 0) }
            if !a.access.allowsAnyone {
                missingLines += [
                    "record = client.post(URL, json=\(startBody), headers=headers).json()",
                    "error_of(client.post(\(path)), 401)",
                ]
            }
            pendingActions.append { Action(function: "test_\(a.name)_unknown_\(e.name)_is_404", docstring: plan.docstring(kMissing), fixtures: "client", lines: missingLines) }
            // The race.
            let rulesRace = !a.preconditions.isEmpty && !start.isEmpty
            if a.oncePerUser || rulesRace {
                let kRace = key + "action.\(a.name).race"
                // One caller eight times where who calls does not matter (open to anyone, or only the owner).
                let single = !a.access.allowsEverySignedIn || a.access.allowsAnyone || (a.oncePerUser && !rulesRace)
                plan.add(kRace, "Eight racing \(a.label) calls where the rules allow one: one succeeds, seven get 409\(single ? " (one caller eight times)" : " (eight users)").",
                         refs: [aref + (a.oncePerUser && !rulesRace ? ".oncePerUser" : ".preconditions"), aref])
                usesThreads = true
                var lines = [
                    "headers = \(creator)",
                    "record = client.post(URL, json=\(startBody), headers=headers).json()",
                    single ? "callers = [\(caller)] * 8" : "callers = [sign_in(client) for _ in range(8)]",
                    "barrier = threading.Barrier(8)",
                    "statuses = []",
                    "",
                    "def attempt(caller):",
                    "    racer = new_client()",
                    "    barrier.wait()",
                    "    statuses.append(racer.post(\(path), headers=caller).status_code)",
                    "",
                    "threads = [threading.Thread(target=attempt, args=(caller,)) for caller in callers]",
                    "for thread in threads:",
                    "    thread.start()",
                    "for thread in threads:",
                    "    thread.join()",
                    "assert sorted(statuses) == [\(successStatus)] + [409] * 7",
                ]
                if !single { helpers.insert("sign_in") }
                if e.supports(.get) {
                    let reader = Self.who(e.grants(for: .get), owner: "headers")
                    grantsNeed(reader)
                    for case .increment(let f, let by) in a.effects {
                        let step = e.field(named: f)?.type == .integer ? String(Int(by)) : PythonCode.number(by)
                        lines.append("after = client.get(f\"{URL}/{record['id']}\", headers=\(reader)).json()")
                        lines.append("assert after[\(PythonCode.string(f))] == (record[\(PythonCode.string(f))] or 0) + \(step.hasPrefix("-") ? "(\(step))" : step)")
                    }
                }
                pendingActions.append { Action(function: "test_racing_\(a.name)_calls_let_one_through", docstring: plan.docstring(kRace), fixtures: "client, new_client", lines: lines) }
            }
        }

        let setup = Self.parentSetup(e, spec: spec)
        for p in e.relations.compactMap({ spec.entity(named: $0.relation.entity) }) {
            helpers.insert("sample_\(p.name)")
            grantsNeed(Self.creator(p))
        }
        for line in setup { grantsNeed(line) }
        return {
            let relations = pendingRelations.map { $0() }
            let roles = pendingRoles.map { $0() }
            let actions = pendingActions.map { $0() }
            let present = !relations.isEmpty || !roles.isEmpty || !actions.isEmpty
            // Import only the helpers the printed tests call.
            let body = (relations.flatMap(\.lines) + roles.flatMap(\.lines) + actions.flatMap(\.lines) + setup).joined(separator: "\n")
            let used = helpers.filter { body.contains($0 + "(") }
            return PythonContractTestModel(
                present: present, name: e.name, plural: e.plural, url: "/api/\(e.plural)",
                helperImports: used.sorted(by: PythonEntityModel.isortOrder).joined(separator: ", "),
                usesMessage: usesMessage, usesThreads: usesThreads, hasParentSetup: !setup.isEmpty, parentSetup: setup,
                relations: relations, roles: roles, actions: actions)
        }
    }

    static func describe(_ e: Effect) -> String {
        switch e {
        case .set(let f, let v): return "\(f) = \(PythonCode.value(v))"
        case .increment(let f, let by): return "\(f) \(by < 0 ? "-" : "+") \(NumberText.format(abs(by)))"
        case .create(let entity): return "a new \(entity)"
        }
    }

    /// Field values that let the action's preconditions hold exactly once, within the fields' limits
    /// (a counter at its edge), as Python literals.
    static func satisfying(_ a: DomainAction, _ e: Entity) -> [(String, String)] {
        python(ActionRuleMath(entity: e).satisfying(a) ?? [:], e)
    }

    /// Field values that break the action's first precondition and keep the others; none when no valid
    /// record can break it (the field's own limits already rule it out).
    static func breaking(_ a: DomainAction, _ e: Entity) -> [(String, String)] {
        python(ActionRuleMath(entity: e).violating(a) ?? [:], e)
    }

    static func python(_ values: [String: RuleScalar], _ e: Entity) -> [(String, String)] {
        values.keys.sorted().map { k in
            let literal: String
            switch values[k]! {
            case .number(let d): literal = e.field(named: k)?.type == .integer || d == d.rounded() ? String(Int(d)) : PythonCode.number(d)
            case .text(let t): literal = PythonCode.string(t)
            case .flag(let b): literal = b ? "True" : "False"
            }
            return (k, literal)
        }
    }
}
