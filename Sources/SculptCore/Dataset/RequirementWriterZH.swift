/// Writes a drawn spec out as a Chinese requirement, in one of the paraphraser's styles.
enum RequirementWriterZH {
    static func write(_ d: RequirementParaphraser.Drawn, _ style: RequirementParaphraser.Style, _ rng: inout SplitMix64) -> String {
        let e = d.spec.entities[0]
        let w = d.entityWord
        let word = { (f: Field) in d.fieldWords[f.name] ?? f.name }
        var parts: [String] = []
        switch style {
        case .paragraph:
            let items = e.fields.map { f -> String in
                let c = constraints(f, &rng, terse: false)
                return word(f) + (c.isEmpty ? "" : "（" + c.joined(separator: "，") + "）")
            }
            parts.append(rng.pick(["做一个\(w)管理系统，", "我想做一个记录\(w)的小工具，", "开发一个\(w)管理功能，"])
                         + "每个\(w)包括" + list(items) + "。")
        case .terse:
            let items = e.fields.map { f -> String in
                let c = constraints(f, &rng, terse: true)
                return word(f) + (c.isEmpty ? "" : "（" + c.joined(separator: "，") + "）")
            }
            parts.append("\(w)：" + items.joined(separator: "、") + "。")
        case .bullets:
            parts.append(rng.pick(["需求：\(w)管理", "\(w)列表应用", "做一个\(w)管理："]))
            parts.append("每个\(w)有：")
            for f in e.fields {
                let c = constraints(f, &rng, terse: rng.chance(0.5))
                parts.append("- " + word(f) + (c.isEmpty ? "" : "：" + c.joined(separator: "，")))
            }
        case .sentences:
            parts.append(rng.pick(["系统需要保存\(w)信息。", "我们要管理\(w)。"]))
            parts.append("每条\(w)要记录" + list(e.fields.map(word)) + "。")
            for f in e.fields {
                let c = constraints(f, &rng, terse: false)
                if !c.isEmpty { parts.append(word(f) + c.joined(separator: "，") + "。") }
            }
        }
        let join = style == .bullets ? "\n" : ""
        var tail: [String] = []
        tail.append(operations(e.operations, w, terse: style == .terse, &rng))
        if !e.searchable.isEmpty {
            let by = e.searchable.map { n in word(e.fields.first { $0.name == n }!) }.joined(separator: "和")
            tail.append(rng.pick(["可以按\(by)搜索\(w)。", "支持按\(by)查询。", "能根据\(by)搜索。"]))
        }
        if let a = d.spec.accounts {
            var s = a.identity.type == .email
                ? rng.pick(["用户用邮箱和密码注册，然后登录。", "用户可以通过邮箱注册并登录。"])
                : rng.pick(["用户可以用用户名和密码注册、登录。", "用户需要注册账号（用户名和密码）并登录。"])
            if d.passwordStated { s += "密码至少\(a.password.minLength)位。" }
            if d.profileAsked { s += "登录后可以查看个人信息。" }
            tail.append(s)
            switch (e.access.read, e.access.write) {
            case (.owner, _): tail.append("每个用户只能看到和管理自己的\(w)。")
            case (.signedIn, _): tail.append("只有登录的用户才能查看和修改\(w)。")
            case (_, .owner): tail.append("所有人都可以查看\(w)，只有创建者本人可以修改或删除。")
            default: tail.append("所有人都可以查看\(w)，登录后才能新增和修改。")
            }
        }
        return (parts + tail).joined(separator: join)
    }

    static func constraints(_ f: Field, _ rng: inout SplitMix64, terse: Bool) -> [String] {
        var c: [String] = []
        if f.required { c.append(terse ? "必填" : rng.pick(["必填", "必须填写", "不能为空"])) }
        if f.unique { c.append(rng.pick(["唯一", "不能重复", "不可重复"])) }
        if let max = f.maxLength {
            if let min = f.minLength { c.append(rng.pick(["\(min)到\(max)个字", "长度\(min)-\(max)个字符"])) }
            else { c.append(rng.pick(["最多\(max)个字", "不超过\(max)个字符", "\(max)字以内"])) }
        }
        if let max = f.maximum {
            let min = n(f.minimum ?? 0)
            c.append(rng.pick(["\(min)到\(n(max))之间", "范围\(min)-\(n(max))"]))
        } else if f.minimum == 0 {
            c.append(rng.pick(["不能为负数", "大于等于0", "不小于0"]))
        } else if f.exclusiveMinimum == 0 {
            c.append(rng.pick(["必须大于0", "大于0", "为正数"]))
        }
        if let values = f.allowedValues {
            c.append(rng.pick(["只能是", "可选"]) + values.dropLast().joined(separator: "、") + (values.count > 1 ? "或" : "") + values.last!)
        }
        switch f.defaultValue {
        case .string(let s)?: c.append(rng.pick(["默认为\(s)", "默认\(s)"]))
        case .bool(let b)?: c.append(b ? "默认是" : "默认否")
        default: break
        }
        return c
    }

    static func operations(_ ops: [EntityOperation], _ w: String, terse: Bool, _ rng: inout SplitMix64) -> String {
        switch Set(ops) {
        case Set(EntityOperation.allCases):
            return terse ? "增删改查。" : rng.pick(["支持\(w)的增删改查。", "可以新增、查看、修改和删除\(w)。", "\(w)可以添加、查看列表和详情、编辑和删除。"])
        case [.create, .list, .get, .update]: return "\(w)可以新增、查看和修改，但不能删除。"
        case [.create, .list, .get]: return "只能新增和查看\(w)，不能修改或删除。"
        case [.create, .list]: return "只能添加\(w)和查看列表。"
        default: return "\(w)可以新增、查看和删除，但不能修改。"
        }
    }

    static func n(_ d: Double) -> String { CompactSpec.number(d) }

    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: "、") + "和" + items.last!
    }
}
