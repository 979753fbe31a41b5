import Foundation

/// The noun phrase a heading or a list's subject names, stripped of the words around it:
/// "For each car we keep" → "car", "Fields per listing" → "listing", "Each ticket type for our
/// conference" → "ticket type", "IT服务台的工单" → "工单", "公司会议室管理" → "公司会议室".
///
/// Headings introduce what the following list describes, so the phrase is the thing to store.
enum SubjectPhrase {
    static let leadingEN: Set<String> = ["for", "each", "every", "a", "an", "the", "our", "my", "all", "per", "fields", "field",
                                          "attributes", "properties", "columns", "info", "information", "details", "data", "of",
                                          "about", "on", "new", "some", "its", "their", "we", "i", "you", "should", "want", "to",
                                          "need", "needs", "keep", "store", "track", "record", "manage", "list", "has", "have",
                                          "with", "maintain", "stores", "tracks", "records", "keeps", "holds", "hold", "describe"]
    static let stopAtEN: Set<String> = ["for", "in", "at", "of", "with", "that", "which", "who", "we", "has", "have", "are", "is",
                                         "should", "must", "can", "to", "from", "by", "on", "keep", "store", "track", "api",
                                         "app", "application", "system", "tool", "site", "website", "module", "belongs", "belong",
                                         "lives", "live", "refers", "relates", "goes", "comes", "sits", "and", "or", "but", "also",
                                         "will", "was", "were", "each", "every", "may", "need", "needs", "like", "such", "using", "about", "regarding"]

    /// English: the words of the phrase (lower-case, as written), or nil when none is left.
    /// `object`: the phrase is what a verb acts on ("submit an application"), so "application" there is
    /// a thing, not the app.
    static func english(_ heading: String, object: Bool = false) -> [String]? {
        var text = heading.lowercased()
        // "Playlist app — playlist", "Fleet scheduler - need to track service tasks": the last part says it.
        for dash in [" — ", " – ", " - ", " -- "] {
            if let r = text.range(of: dash, options: .backwards) { text = String(text[r.upperBound...]) }
        }
        var words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'") }).map(String.init)
        // Drop a leading verb phrase: "need to track", "we keep", "for each".
        if let verb = words.lastIndex(where: { ["keep", "store", "track", "record", "manage", "list", "maintain", "describe"].contains($0) }),
           verb < words.count - 1, words[..<verb].allSatisfy({ leadingEN.contains($0) }) {
            words.removeFirst(verb + 1)
        }
        while let f = words.first, leadingEN.contains(f), words.count > 1 { words.removeFirst() }
        if let f = words.first, leadingEN.contains(f) { return nil }
        var out: [String] = []
        for w in words {
            if object, out.isEmpty, ["application", "applications"].contains(w) { out.append(w); continue }
            if !out.isEmpty && stopAtEN.contains(w) { break }
            if stopAtEN.contains(w) { return nil }
            out.append(w)
        }
        // "Real estate listings API" keeps "real estate listings"; very long phrases are sentences, not names.
        guard !out.isEmpty, out.count <= 4, out.allSatisfy({ $0.allSatisfy { $0.isLetter || $0 == "-" } }) else { return nil }
        return out
    }

    static let appWordsZH: Set<String> = ["接口", "后台", "系统", "平台", "网站", "小程序", "应用", "功能", "模块", "页面管理", "工具", "服务"]
    static let suffixesZH = ["管理系统", "管理功能", "管理模块", "信息管理", "管理", "系统", "功能", "模块", "信息", "列表", "表", "平台", "记录表",
                             "接口", "后台", "小程序"]

    /// Chinese: the noun after the last 的 or ，, without "每个", a trailing verb (有/包括) or "管理".
    static func chinese(_ heading: String) -> String? {
        var text = heading
        if let r = text.range(of: "，", options: .backwards) { text = String(text[r.upperBound...]) }
        if let r = text.range(of: ",", options: .backwards) { text = String(text[r.upperBound...]) }
        if let m = text.firstMatch("^(.+?)" + FieldListMatcher.zhVerbs + "$") { text = m }
        if let m = text.firstMatch("^(?:每|每一)(?:个|本|件|条|位|名|篇|张|台|辆|家|门|项|笔|份|部|首|间|只|套|场|次|种)(.+)$") { text = m }
        for tail in ["的时候", "时候", "时"] where text.hasSuffix(tail) && text.count > tail.count { text = String(text.dropLast(tail.count)); break }
        if let r = text.range(of: "的", options: .backwards), r.upperBound < text.endIndex {
            let after = String(text[r.upperBound...])
            // "宠物信息管理的接口": the thing is before 的 when what follows is the app itself.
            text = appWordsZH.contains(after) ? String(text[..<r.lowerBound]) : after
        }
        if let m = text.firstMatch("^(?:我们|我|请|帮我)?(?:要|需要|想要|想)?(?:做|建|开发|搭建)?(?:一个|一套|一款|个)(.+)$") { text = m }
        for s in suffixesZH where text.hasSuffix(s) && text.count > s.count { text = String(text.dropLast(s.count)); break }
        text = text.trimmingWhitespace()
        guard !text.isEmpty, text.count <= 10 else { return nil }
        return text
    }
}
