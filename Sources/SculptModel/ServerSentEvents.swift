/// An incremental reader of `text/event-stream` bodies (the WHATWG server-sent events format).
///
/// Bytes arrive in arbitrary pieces, splitting lines and even UTF-8 sequences; this buffers until
/// a blank line ends an event and hands back each event's `data`. Comments (`:` lines, which some
/// servers send as keep-alives), `event:`, `id:` and `retry:` lines are read and ignored.
struct ServerSentEvents {
    private var buffer: [UInt8] = []
    private var data: [String] = []
    private var sawCR = false

    /// Feeds bytes; returns the data of every event they complete.
    mutating func feed<S: Sequence>(_ bytes: S) -> [String] where S.Element == UInt8 {
        var events: [String] = []
        for b in bytes {
            if sawCR {
                sawCR = false
                if b == UInt8(ascii: "\n") { continue }
            }
            if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                sawCR = b == UInt8(ascii: "\r")
                if let e = endLine() { events.append(e) }
            } else {
                buffer.append(b)
            }
        }
        return events
    }

    /// Whatever event was left without its closing blank line when the body ended.
    mutating func finish() -> String? {
        if !buffer.isEmpty { _ = endLine() }
        defer { data = [] }
        return data.isEmpty ? nil : data.joined(separator: "\n")
    }

    /// Bytes held that do not yet form a complete event (a truncated stream leaves some).
    var hasPartialEvent: Bool { !buffer.isEmpty || !data.isEmpty }

    private mutating func endLine() -> String? {
        let line = String(decoding: buffer, as: UTF8.self)
        buffer.removeAll(keepingCapacity: true)
        if line.isEmpty {
            defer { data = [] }
            return data.isEmpty ? nil : data.joined(separator: "\n")
        }
        if line.hasPrefix(":") { return nil }
        let (field, value): (Substring, Substring)
        if let colon = line.firstIndex(of: ":") {
            field = line[..<colon]
            var v = line[line.index(after: colon)...]
            if v.hasPrefix(" ") { v = v.dropFirst() }
            value = v
        } else {
            field = Substring(line)
            value = ""
        }
        if field == "data" { data.append(String(value)) }
        return nil
    }
}
