/// Comma-separated field values (`Transfer-Encoding`, `Content-Length`) as trimmed byte strings.
///
/// Written as plain loops over bytes: generic collection adaptors (split, reversed, flatMap)
/// instantiate metadata at run time, which costs measurable start-up time in a static binary.
enum FieldList {
    /// The comma-separated items of every field named `name`, in order, trimmed of spaces and tabs.
    static func items(named name: String, in headers: [(String, String)], keepEmpty: Bool) -> [[UInt8]] {
        var items: [[UInt8]] = []
        for index in headers.indices where HeaderName.equal(headers[index].0, name) {
            var current: [UInt8] = []
            for byte in headers[index].1.utf8 {
                if byte == UInt8(ascii: ",") {
                    append(current, to: &items, keepEmpty: keepEmpty)
                    current.removeAll(keepingCapacity: true)
                } else {
                    current.append(byte)
                }
            }
            append(current, to: &items, keepEmpty: keepEmpty)
        }
        return items
    }

    private static func append(_ item: [UInt8], to items: inout [[UInt8]], keepEmpty: Bool) {
        var start = 0, end = item.count
        while start < end, item[start] == 0x20 || item[start] == 0x09 { start += 1 }
        while end > start, item[end - 1] == 0x20 || item[end - 1] == 0x09 { end -= 1 }
        if start < end || keepEmpty { items.append(Array(item[start..<end])) }
    }

    /// Whether `item`, lower-cased (ASCII), equals `lowercase`.
    static func equalsLowercase(_ item: [UInt8], _ lowercase: String) -> Bool {
        var index = 0
        for byte in lowercase.utf8 {
            guard index < item.count else { return false }
            let candidate = item[index] >= 0x41 && item[index] <= 0x5A ? item[index] | 0x20 : item[index]
            guard candidate == byte else { return false }
            index += 1
        }
        return index == item.count
    }

    /// A non-negative decimal of 1...18 digits, or `nil`.
    static func decimal(_ item: [UInt8]) -> Int? {
        guard !item.isEmpty, item.count <= 18 else { return nil }
        var value = 0
        for byte in item {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// The items joined with `", "` (for messages).
    static func joined(_ items: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, item) in items.enumerated() {
            if index > 0 { out += [0x2C, 0x20] }
            out += item
        }
        return out
    }
}
