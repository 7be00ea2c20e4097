/// One entry of the `tags` input (`type=semver,pattern={{version}}`), parsed with
/// docker/metadata-action's rules (src/tag.ts): attribute names lower-cased, defaults filled in.
import JavaScriptCompat

public struct TagRule: Sendable, Equatable {
    /// The tag types, in the order of the docs.
    public enum Kind: String, Sendable, CaseIterable {
        case schedule, semver, pep440, match, edge, ref, raw, sha

        /// The priority of a rule of this type when it gives none.
        public var defaultPriority: String {
            switch self {
            case .schedule: return "1000"
            case .semver, .pep440: return "900"
            case .match: return "800"
            case .edge: return "700"
            case .ref: return "600"
            case .raw: return "200"
            case .sha: return "100"
            }
        }
    }

    /// The rules used when `tags` is empty.
    public static let defaultRules = ["type=schedule", "type=ref,event=branch", "type=ref,event=tag", "type=ref,event=pr"]

    /// The tag type (`raw` when the entry names none).
    public var kind: Kind
    /// The attributes in the order they were set, defaults included.
    public private(set) var attributes: [(key: String, value: String)]
    /// The entry as written, for messages.
    public let source: String

    /// The value of attribute `key`, or nil when it is not set.
    public subscript(key: String) -> String? {
        attributes.last { $0.key == key }?.value
    }

    /// Whether attribute `key` is set (`hasOwnProperty`).
    public func has(_ key: String) -> Bool { self[key] != nil }

    /// Parses one entry; throws metadata-action's error for an unknown type, a missing or invalid
    /// attribute.
    public init(parsing entry: String) throws(MetadataError) {
        source = entry
        kind = .raw
        attributes = []
        var explicitKind: Kind?
        for field in try Self.fields(of: entry) {
            guard let (key, value) = Self.split(field) else {
                set("value", JavaScriptNumber.trimJavaScriptWhitespace(field))
                continue
            }
            if key == "type" {
                guard let parsed = Kind(rawValue: value) else {
                    throw MetadataError("Unknown tag type attribute: \(value)", hint: "Use one of: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")) (lower case).")
                }
                explicitKind = parsed
            } else {
                set(key, value)
            }
        }
        kind = explicitKind ?? .raw
        try applyDefaults()
        if !has("enable") { set("enable", "true") }
        if !has("priority") { set("priority", kind.defaultPriority) }
    }

    /// The entry rebuilt from its attributes (what metadata-action logs).
    public var description: String {
        (["type=\(kind.rawValue)"] + attributes.map { "\($0.key)=\($0.value)" }).joined(separator: ",")
    }

    /// Sets attribute `key` (a later value replaces an earlier one in place).
    mutating func set(_ key: String, _ value: String) {
        if let index = attributes.firstIndex(where: { $0.key == key }) {
            attributes[index].value = value
        } else {
            attributes.append((key, value))
        }
    }

    /// The CSV fields of one entry (its first record). An entry of only spaces has none, and
    /// upstream then fails with a TypeError naming its (minified) variable: `e` for tags, `n`
    /// for flavor, `o` for images.
    static func fields(of entry: String, input: String = "tags") throws(MetadataError) -> [String] {
        let record: [String]?
        do {
            record = try CSVListParser.firstRecord(entry)
        } catch {
            throw MetadataError(error.message, hint: "Check the quoting in the `\(input)` input: quote a whole field that contains a comma, like \"value=a,b\".")
        }
        guard let record else {
            let variable = ["flavor": "n", "images": "o"][input] ?? "e"
            throw MetadataError("\(variable) is not iterable", hint: "A line of the `\(input)` input holds only spaces: remove it.")
        }
        return record
    }

    /// `field.split(/(?<=^[^=]+?)=/)`: key and value at the first `=` that follows at least one
    /// character, trimmed, the key lower-cased; nil when there is no such `=`.
    static func split(_ field: String) -> (String, String)? {
        guard let equals = field.firstIndex(of: "="), equals != field.startIndex else { return nil }
        let key = JavaScriptNumber.trimJavaScriptWhitespace(String(field[..<equals])).lowercased()
        let value = JavaScriptNumber.trimJavaScriptWhitespace(String(field[field.index(after: equals)...]))
        return (key, value)
    }

    private mutating func applyDefaults() throws(MetadataError) {
        switch kind {
        case .schedule:
            if !has("pattern") { set("pattern", "nightly") }
        case .semver, .pep440:
            guard has("pattern") else { throw missing("pattern") }
            if !has("value") { set("value", "") }
            if !has("match") { set("match", "") }
        case .match:
            guard has("pattern") else { throw missing("pattern") }
            if !has("group") { set("group", "0") }
            if JavaScriptNumber.isNaN(self["group"] ?? "") {
                throw MetadataError("Invalid match group for \(source)", hint: "`group` is the number of a capture group of `pattern`, 0 for the whole match.")
            }
            if !has("value") { set("value", "") }
        case .edge:
            if !has("branch") { set("branch", "") }
        case .ref:
            guard let event = self["event"] else { throw missing("event") }
            guard ["branch", "tag", "pr"].contains(event) else {
                throw MetadataError("Invalid event for \(source)", hint: "`event` must be branch, tag or pr.")
            }
            if event == "pr", !has("prefix") { set("prefix", "pr-") }
        case .raw:
            guard has("value") else { throw missing("value") }
        case .sha:
            if !has("prefix") { set("prefix", "sha-") }
            if !has("format") { set("format", "short") }
            guard ["short", "long"].contains(self["format"] ?? "") else {
                throw MetadataError("Invalid format for \(source)", hint: "`format` must be short or long.")
            }
        }
    }

    private func missing(_ attribute: String) -> MetadataError {
        MetadataError("Missing \(attribute) attribute for \(source)", hint: "A type=\(kind.rawValue) rule needs `\(attribute)=`.")
    }

    /// Equality of type, attributes and source.
    public static func == (lhs: TagRule, rhs: TagRule) -> Bool {
        lhs.kind == rhs.kind && lhs.source == rhs.source && lhs.attributes.elementsEqual(rhs.attributes) { $0 == $1 }
    }

    /// Parses every entry (or the default rules when there are none) and orders them by
    /// priority, highest first, as metadata-action's `Transform` does.
    public static func rules(from entries: [String]) throws(MetadataError) -> [TagRule] {
        var parsed: [TagRule] = []
        for entry in entries.isEmpty ? defaultRules : entries {
            parsed.append(try TagRule(parsing: entry))
        }
        return JavaScriptSort.sorted(parsed) { first, second in
            let a = JavaScriptNumber.number(first["priority"] ?? "")
            let b = JavaScriptNumber.number(second["priority"] ?? "")
            if a < b { return 1 }
            if a > b { return -1 }
            return 0
        }
    }
}
