import Foundation

/// What the Python targets print for contract v2 (relations, roles, domain actions) on one entity:
/// the parents it checks, the children that restrict its delete, and its actions. Flask and FastAPI
/// run the same shared modules (`relations.py`, `actions.py`), so these models serve both.
struct PythonActionModel {
    let entityName: String
    let verb: String
    /// The record's variable in the route (a name both frameworks leave free).
    let actionVar: String
    /// The route function (`borrow_book`).
    let function: String
    let docstring: String
    /// The grants tuple (`("signed_in",)`).
    let accessLiteral: String
    /// `rules = (...)`: each precondition and field limit as (SQL condition, message).
    let ruleLines: [String]
    let onceArgument: String
    let changesLiteral: String
    let createArgument: String
    /// What the route returns (`book_json(book)`, `loan_json(made), 201`).
    let answer: String
    /// The FastAPI route's answer (its status is the decorator's).
    let answerValue: String
    /// `/{book_id}/borrow`, the FastAPI route path.
    let routePath: String
    let status: Int
    let createdStatus: Bool
    let needsUser: Bool
    /// Whether the route asks `authorize` who calls (an app with login); without accounts every
    /// action is open to anyone (the validator sees to it) and runs with no user.
    let authorized: Bool
}

/// The log table of a once-per-user action (`photo_like_by`): one row per account and record.
struct PythonActionLogModel {
    let entityName: String
    let verb: String
    let className: String
    let table: String
    let parentTable: String
    let labelDoc: String
}

/// A parent a record belongs to, as the tests create one.
struct PythonParentModel {
    let field: String
    let attr: String
    let fieldLiteral: String
}

enum PythonContract {
    /// The class of an entity in models.py (`Book`; `UserRecord` where the name is taken).
    static func className(_ e: Entity) -> String {
        let typeName = OpenAPIDocument.typeName(e)
        return PythonEntityModel.reservedClassNames.contains(typeName) ? typeName + "Record" : typeName
    }

    /// `("role:admin", "owner")`: a grant list as a Python tuple.
    static func grantsLiteral(_ grants: [Grant]) -> String {
        PythonCode.tuple(grants.map { PythonCode.string($0.description) })
    }

    /// Whether the entity's access is spelt per operation (contract v2 permissions) rather than by
    /// the v1 read/write audiences.
    static func grantMode(_ e: Entity) -> Bool { !e.permissions.isEmpty }

    /// `{"create": ("role:admin",), ...}` for the operations the entity supports.
    static func accessLiteral(_ e: Entity) -> String {
        PythonCode.dict(e.operations.map { ($0.rawValue, grantsLiteral(e.grants(for: $0))) })
    }

    static func logClassName(_ e: Entity, _ a: DomainAction) -> String {
        className(e) + OpenAPIDocument.typeName(Entity(name: a.name, plural: a.name, label: a.name, fields: [])) + "By"
    }

    static func actionLogs(_ e: Entity) -> [PythonActionLogModel] {
        e.actions.filter(\.oncePerUser).map { a in
            PythonActionLogModel(entityName: e.name, verb: a.name, className: logClassName(e, a), table: "\(e.name)_\(a.name)_by",
                                 parentTable: e.plural, labelDoc: comment(a.label))
        }
    }

    /// `(("project_id", Project, "项目"),)`: the parents checked on create and update.
    static func parentsLiteral(_ e: Entity, spec: AppSpec) -> String {
        let items = e.relations.compactMap { f, r -> String? in
            guard let parent = spec.entity(named: r.entity) else { return nil }
            return "(\(PythonCode.string(f.name)), \(className(parent)), \(PythonCode.string(parent.label)))"
        }
        return items.count == 1 ? "(\(items[0]),)" : "(" + items.joined(separator: ", ") + ")"
    }

    /// `((Loan, Loan.book_id, "借阅记录"),)`: children whose relation restricts deleting `e`.
    static func restrictChildren(_ e: Entity, spec: AppSpec) -> [Entity] {
        spec.children(of: e.name).filter { $0.relation.onDelete == .restrict }.map(\.entity)
    }

    static func childrenLiteral(_ e: Entity, spec: AppSpec) -> String {
        let items = spec.children(of: e.name).filter { $0.relation.onDelete == .restrict }.map { child, f, _ in
            "(\(className(child)), \(className(child)).\(PythonField.attribute(for: f.name)), \(PythonCode.string(child.label)))"
        }
        return items.count == 1 ? "(\(items[0]),)" : "(" + items.joined(separator: ", ") + ")"
    }

    /// The SQL condition of a precondition, over the model's columns.
    static func condition(_ p: Precondition, cls: String, entity e: Entity) -> String {
        let column = "\(cls).\(PythonField.attribute(for: p.field))"
        let rhs: String
        switch p.value {
        case .field(let name): rhs = "\(cls).\(PythonField.attribute(for: name))"
        case .constant(let j):
            if case .null = j { return p.op == .equal ? "\(column).is_(None)" : "\(column).is_not(None)" }
            rhs = PythonCode.value(j)
        }
        return "\(column) \(p.op.rawValue) \(rhs)"
    }

    static func action(_ a: DomainAction, of e: Entity, spec: AppSpec, catalog: MessageCatalog, docstring: String,
                       variable v: String) -> PythonActionModel {
        let cls = className(e)
        var rules: [(String, String)] = a.preconditions.map { (condition($0, cls: cls, entity: e), RuleWording.message($0, of: e, catalog: catalog)) }
        var changes: [(String, String)] = []
        for effect in a.effects {
            switch effect {
            case .set(let field, let value):
                changes.append(("\(cls).\(PythonField.attribute(for: field))", PythonCode.value(value)))
            case .increment(let field, let by):
                guard let f = e.field(named: field) else { continue }
                let column = "\(cls).\(PythonField.attribute(for: field))"
                let step = f.type == .integer ? String(Int(by)) : PythonCode.number(by)
                let expr = "func.coalesce(\(column), 0) + \(step.hasPrefix("-") ? "(\(step))" : step)"
                changes.append((column, expr))
                // The field's own limits hold after the change, so an effect never breaks a constraint.
                if by < 0, let lo = f.minimum {
                    rules.append(("\(expr) >= \(PythonCode.number(lo))",
                                  catalog.text("backend.too_small", ["label": f.label, "min": NumberText.format(lo)])))
                }
                if by < 0, let lo = f.exclusiveMinimum {
                    rules.append(("\(expr) > \(PythonCode.number(lo))",
                                  catalog.text("backend.not_above", ["label": f.label, "min": NumberText.format(lo)])))
                }
                if by > 0, let hi = f.maximum {
                    rules.append(("\(expr) <= \(PythonCode.number(hi))",
                                  catalog.text("backend.too_big", ["label": f.label, "max": NumberText.format(hi)])))
                }
            case .create: break
            }
        }
        var ruleLines: [String] = []
        if rules.isEmpty {
            ruleLines = ["rules = ()"]
        } else {
            ruleLines = ["rules = ("] + rules.map { "    (\($0.0), \(PythonCode.string($0.1)))," } + [")"]
        }
        let once = a.oncePerUser ? "(\(logClassName(e, a)), \(PythonCode.string(a.label)))" : "None"
        let changesLiteral = changes.isEmpty ? "None" : "{" + changes.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        var createArgument = "None"
        var answer = "\(e.name)_json(\(v))"
        if let madeName = a.createdEntity, let made = spec.entity(named: madeName),
           let link = made.relations.first(where: { $0.relation.entity == e.name }) {
            var defaults: [(String, String)] = []
            for f in made.fields where f.relation == nil {
                guard let d = f.defaultValue, f.type != .date, f.type != .datetime else { continue }
                defaults.append((PythonField.attribute(for: f.name), PythonCode.value(d)))
            }
            createArgument = "(\(className(made)), \(PythonCode.string(PythonField.attribute(for: link.field.name))), \(PythonCode.dict(defaults)))"
            if a.onlyCreates { answer = "\(made.name)_json(made), 201" }
        }
        return PythonActionModel(
            entityName: e.name, verb: a.name, actionVar: v, function: "\(a.name)_\(e.name)", docstring: docstring,
            accessLiteral: grantsLiteral(a.access), ruleLines: ruleLines, onceArgument: once, changesLiteral: changesLiteral,
            createArgument: createArgument, answer: answer,
            answerValue: answer.hasSuffix(", 201") ? String(answer.dropLast(5)) : answer, routePath: "/{\(v)_id}/\(a.name)", status: a.onlyCreates ? 201 : 200, createdStatus: a.onlyCreates,
            needsUser: !a.access.allowsAnyone, authorized: spec.accounts?.login ?? false)
    }
}
