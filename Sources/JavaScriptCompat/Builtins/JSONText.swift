/// JSON text exactly as JavaScript's `JSON.stringify(value)` and `JSON.stringify(value, null, 2)`
/// write it: members in insertion order (array-index keys first, as JavaScript objects order
/// them), no `\/` escaping, lone surrogates escaped.
public indirect enum JSONText: Sendable, Equatable {
    case string(String)
    /// A number, boolean or null, already as JSON text.
    case literal(String)
    case array([JSONText])
    /// Members in insertion order; a nil value is `undefined` and is left out.
    case object([(String, JSONText?)])

    /// Compact text (`JSON.stringify(value)`).
    public var compact: String {
        var out = ""
        write(to: &out, indent: nil, depth: 0)
        return out
    }

    /// Text indented by two spaces (`JSON.stringify(value, null, 2)`).
    public var pretty: String {
        var out = ""
        write(to: &out, indent: "  ", depth: 0)
        return out
    }

    /// An object built from `key=value` strings (metadata-action's labels object): the key up to
    /// the first `=`, the value up to the first line break (`/([^=]*)=(.*)/`).
    public static func labelObject(_ labels: [String]) -> JSONText {
        var members: [(String, JSONText?)] = []
        for label in labels {
            guard let equals = label.firstIndex(of: "=") else { continue }
            let key = String(label[..<equals])
            let rest = label[label.index(after: equals)...]
            let value = rest.prefix { !["\n", "\r", "\u{2028}", "\u{2029}", "\r\n"].contains($0) }
            if let index = members.firstIndex(where: { $0.0 == key }) {
                members[index].1 = .string(String(value))
            } else {
                members.append((key, .string(String(value))))
            }
        }
        return .object(members)
    }

    /// The JSON text of a parsed value (object members in sorted order: the parse lost theirs).
    public static func from(_ value: JSONValue) -> JSONText {
        switch value {
        case .null: return .literal("null")
        case .bool(let flag): return .literal(flag ? "true" : "false")
        case .number(let number): return .literal(number.isFinite ? JavaScriptNumber.string(number) : "null")
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(from))
        case .object(let members): return .object(members.keys.sorted().map { ($0, from(members[$0]!)) })
        }
    }

    /// Equality by structure.
    public static func == (lhs: JSONText, rhs: JSONText) -> Bool {
        lhs.compact == rhs.compact
    }

    private func write(to out: inout String, indent: String?, depth: Int) {
        switch self {
        case .string(let text):
            Self.quote(text, to: &out)
        case .literal(let text):
            out += text
        case .array(let items):
            writeContainer(open: "[", close: "]", count: items.count, to: &out, indent: indent, depth: depth) { index, out in
                items[index].write(to: &out, indent: indent, depth: depth + 1)
            }
        case .object(let members):
            let present = Self.ordered(members.compactMap { key, value in value.map { (key, $0) } })
            writeContainer(open: "{", close: "}", count: present.count, to: &out, indent: indent, depth: depth) { index, out in
                Self.quote(present[index].0, to: &out)
                out += indent == nil ? ":" : ": "
                present[index].1.write(to: &out, indent: indent, depth: depth + 1)
            }
        }
    }

    private func writeContainer(open: String, close: String, count: Int, to out: inout String, indent: String?, depth: Int, element: (Int, inout String) -> Void) {
        out += open
        guard count > 0 else {
            out += close
            return
        }
        for index in 0..<count {
            if index > 0 { out += "," }
            if let indent { out += "\n" + String(repeating: indent, count: depth + 1) }
            element(index, &out)
        }
        if let indent { out += "\n" + String(repeating: indent, count: depth) }
        out += close
    }

    /// JavaScript orders integer-like keys (array indices) first, ascending.
    private static func ordered(_ members: [(String, JSONText)]) -> [(String, JSONText)] {
        func index(_ key: String) -> UInt32? {
            guard let value = UInt32(key), value != UInt32.max, String(value) == key else { return nil }
            return value
        }
        let indexed = members.filter { index($0.0) != nil }.sorted { index($0.0)! < index($1.0)! }
        return indexed + members.filter { index($0.0) == nil }
    }

    /// JSON.stringify's QuoteJSONString.
    private static func quote(_ text: String, to out: inout String) {
        out += "\""
        let units = Array(text.utf16)
        var index = 0
        while index < units.count {
            let unit = units[index]
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0..<0x20: out += "\\u" + hex4(unit)
            case 0xD800...0xDBFF where index + 1 < units.count && (0xDC00...0xDFFF).contains(units[index + 1]):
                out += String(decoding: units[index...index + 1], as: UTF16.self)
                index += 1
            case 0xD800...0xDFFF: out += "\\u" + hex4(unit)
            default: out.unicodeScalars.append(Unicode.Scalar(unit)!)
            }
            index += 1
        }
        out += "\""
    }

    private static func hex4(_ unit: UInt16) -> String {
        let text = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - text.count) + text
    }
}
