/// A few exercises a learner can do on this very project, each ending with the command that checks
/// the change (`sculpt check .`). They point at real lines, found through the parts, so they fit
/// every backend.
struct ExerciseWriter {
    let catalog: ExplainCatalog
    let spec: AppSpec
    let backend: String

    func exercises(resolve: (String) -> [Citation]) -> [Exercise] {
        var out: [Exercise] = []
        let check = "sculpt check ."
        // 1. A limit changed in the code only breaks the contract; changed in the spec, everything follows.
        if let (entity, field) = textField() {
            let limit = min(50, max((field.minLength ?? 1) + 1, (field.maxLength ?? 200) / 2))
            let rulesKey = entity.map { "field-rules \($0.name)|\(field.name)" } ?? "field-rules|\(field.name)"
            let v = ["field": field.label, "name": field.name, "n": String(limit), "backend": backend, "app": spec.name]
            out.append(Exercise(title: catalog.say("exercise.limit.title", v),
                                steps: ["exercise.limit.step1", "exercise.limit.step2", "exercise.limit.step3", "exercise.limit.step4"].map { catalog.say($0, v) },
                                command: check, citation: resolve(rulesKey).first))
        }
        // 2. Without the UNIQUE constraint, racing requests make duplicates.
        if let (entity, field) = uniqueField() {
            let model = entity.map { "model-entity \($0.name)|\(field.name)" } ?? "model-account|\(field.name)"
            // Where the UNIQUE constraint is written: the table definition (Swift) or the model's column.
            let key = backend == "hummingbird" ? "db-tables|\(field.name)" : model
            let v = ["field": field.label, "name": field.name]
            out.append(Exercise(title: catalog.say("exercise.unique.title", v),
                                steps: ["exercise.unique.step1", "exercise.unique.step2", "exercise.unique.step3"].map { catalog.say($0, v) },
                                command: check, citation: resolve(key).first))
        }
        // 3. A status code is a promise the tests hold the server to.
        let route = spec.entities.first { $0.supports(.create) }.map { "route-create \($0.name)" } ?? "route-register"
        if let c = resolve(route).first {
            out.append(Exercise(title: catalog.say("exercise.status.title"),
                                steps: ["exercise.status.step1", "exercise.status.step2", "exercise.status.step3"].map { catalog.say($0, ["symbol": c.symbol]) },
                                command: check, citation: c))
        }
        return out
    }

    func textField() -> (Entity?, Field)? {
        for e in spec.entities {
            if let f = e.fields.first(where: { $0.type == .string && $0.maxLength != nil }) { return (e, f) }
        }
        if let a = spec.accounts, a.identity.type == .string { return (nil, a.identity) }
        return nil
    }

    func uniqueField() -> (Entity?, Field)? {
        if let a = spec.accounts { return (nil, a.identity) }
        for e in spec.entities { if let f = e.fields.first(where: \.unique) { return (e, f) } }
        return nil
    }
}
