/// The `v`-mode properties of strings (`\p{RGI_Emoji}` …), from data recorded from V8.
enum EmojiStringProperties {
    private static let index: [String: Substring] = {
        var result: [String: Substring] = [:]
        for line in UnicodeTables.stringProperties.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            result[String(line[..<colon])] = line[line.index(after: colon)...]
        }
        return result
    }()

    /// The class value of a property of strings, or nil when `name` is not one.
    static func value(named name: String) -> ClassValue? {
        guard let data = index[name] else { return nil }
        let parts = data.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        let set = UnicodeProperties.decode(parts.first ?? "")
        var strings: [[UInt32]] = []
        if parts.count > 1 {
            for item in parts[1].split(separator: ",") {
                strings.append(item.split(separator: " ").compactMap { UInt32($0, radix: 36) })
            }
        }
        return ClassValue(set: set, strings: strings, mayContainStrings: true)
    }
}
