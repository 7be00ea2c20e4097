import Foundation
import JavaScriptCompat

/// Applies one enabled tag rule to the context (metadata-action's `procSchedule`, `procSemver`,
/// ...): the tag value it produces, with the `latest=auto` answer of its type, or nothing.
struct RuleProcessor {
    let rule: TagRule
    let engine: MetadataEngine
    /// Warnings in the order metadata-action prints them.
    private(set) var warnings: [String] = []

    init(rule: TagRule, engine: MetadataEngine) {
        self.rule = rule
        self.engine = engine
    }

    private var ref: String { engine.context.ref ?? "" }
    private var scope: ExpressionScope { engine.scope }

    /// The decorated value and whether `latest=auto` would add `latest`; nil for no tag.
    mutating func process() throws(MetadataError) -> (String, Bool)? {
        switch rule.kind {
        case .schedule: return try schedule()
        case .semver: return try semver()
        case .pep440: return try pep440()
        case .match: return try match()
        case .edge: return try edge()
        case .ref: return try reference()
        case .raw: return (try engine.decorate(try scope.evaluate(rule["value"] ?? ""), rule: rule), false)
        case .sha: return try sha()
        }
    }

    private func schedule() throws(MetadataError) -> (String, Bool)? {
        guard engine.context.eventName.contains("schedule") else { return nil }
        let scheduleScope: HandlebarsValue = .object(HandlebarsObject([
            ("date", ExpressionScope.dateHelper("date", date: engine.settings.now, zones: engine.zones)),
            ("commit_date", ExpressionScope.dateHelper("commit_date", date: engine.context.commitDate, zones: engine.zones)),
        ]))
        let value = try ExpressionScope.render(rule["pattern"] ?? "nightly", with: scheduleScope)
        return (try engine.decorate(value, rule: rule), false)
    }

    /// The version text for semver/pep440/match rules: `value=` (evaluated) or the tag name.
    private func versionSource() throws(MetadataError) -> String? {
        let value = rule["value"] ?? ""
        guard ref.hasPrefix("refs/tags/") || !value.isEmpty else { return nil }
        return value.isEmpty ? String(ref.dropFirst("refs/tags/".count)) : try scope.evaluate(value)
    }

    /// Applies `match=` (group 1 of a JavaScript regex) and turns `/` into `-`.
    private mutating func matchedVersion(_ source: String) throws(MetadataError) -> String {
        var text = source
        let pattern = rule["match"] ?? ""
        if !pattern.isEmpty {
            let regex = try Self.compile(pattern, flags: "")
            if let groups = regex.match(in: text) {
                guard groups.count > 1, let first = groups[1] else {
                    throw MetadataError("Cannot read properties of undefined (reading 'replace')", hint: "`match=` must have a capture group, like match=v(\\d.\\d), whose first group is the version.")
                }
                text = first
            } else {
                warnings.append("\(pattern) does not match \(text).")
            }
        }
        return text.replacingOccurrences(of: "/", with: "-")
    }

    private mutating func semver() throws(MetadataError) -> (String, Bool)? {
        guard let source = try versionSource() else { return nil }
        let raw = try matchedVersion(source)
        guard SemVer.valid(raw) != nil, let parsed = SemVer.parse(raw, loose: true) else {
            warnings.append("\(raw) is not a valid semver. More info: https://semver.org/")
            return nil
        }
        let pattern = rule["pattern"] ?? ""
        let context = parsed.handlebarsValue
        if let pre = SemVer.prerelease(raw), !pre.isEmpty {
            let template = HandlebarsTemplate.isRawStatement(pattern) ? pattern : "{{version}}"
            return (try engine.decorate(try ExpressionScope.render(template, with: context), rule: rule), false)
        }
        return (try engine.decorate(try ExpressionScope.render(pattern, with: context), rule: rule), true)
    }

    private mutating func pep440() throws(MetadataError) -> (String, Bool)? {
        guard let source = try versionSource() else { return nil }
        let raw = try matchedVersion(source)
        guard PEP440.valid(raw) != nil, let explained = PEP440.explain(raw) else {
            warnings.append("\(raw) does not conform to PEP 440. More info: https://www.python.org/dev/peps/pep-0440")
            return nil
        }
        let pattern = rule["pattern"] ?? ""
        if explained.isPrerelease || explained.isPostrelease || explained.isDevrelease {
            let value = HandlebarsTemplate.isRawStatement(pattern) ? raw : (PEP440.clean(raw) ?? "null")
            return (try engine.decorate(value, rule: rule), false)
        }
        let value = try ExpressionScope.render(pattern, with: PEP440.handlebarsContext(raw))
        return (try engine.decorate(value, rule: rule), true)
    }

    private mutating func match() throws(MetadataError) -> (String, Bool)? {
        guard let source = try versionSource() else { return nil }
        let pattern = rule["pattern"] ?? ""
        let regex: JSRegExp
        if let literal = Self.regexLiteral(pattern) {
            regex = try Self.compile(literal.source, flags: literal.flags)
        } else {
            regex = try Self.compile(pattern, flags: "")
        }
        guard let groups = regex.match(in: source) else {
            warnings.append("\(pattern) does not match \(source).")
            return nil
        }
        let group = rule["group"] ?? "0"
        guard let index = Self.arrayIndex(group), index < groups.count, let value = groups[index] else {
            warnings.append("Group \(group) does not exist for \(pattern) pattern.")
            return nil
        }
        return (try engine.decorate(value, rule: rule), true)
    }

    private func edge() throws(MetadataError) -> (String, Bool)? {
        guard ref.hasPrefix("refs/heads/") else { return nil }
        let branch = String(ref.dropFirst("refs/heads/".count))
        let wanted = (rule["branch"] ?? "").isEmpty ? engine.repository.defaultBranch : rule["branch"]
        guard wanted == branch else { return nil }
        return (try engine.decorate("edge", rule: rule), false)
    }

    private func reference() throws(MetadataError) -> (String, Bool)? {
        switch rule["event"] {
        case "branch":
            guard ref.hasPrefix("refs/heads/") else { return nil }
            return (try engine.decorate(String(ref.dropFirst("refs/heads/".count)), rule: rule), false)
        case "tag":
            guard ref.hasPrefix("refs/tags/") else { return nil }
            return (try engine.decorate(String(ref.dropFirst("refs/tags/".count)), rule: rule), true)
        default:
            guard ref.hasPrefix("refs/pull/") else { return nil }
            var number = String(ref.dropFirst("refs/pull/".count))
            if number.hasSuffix("/merge") { number.removeLast("/merge".count) }
            return (try engine.decorate(number, rule: rule), false)
        }
    }

    private func sha() throws(MetadataError) -> (String, Bool)? {
        guard let sha = engine.context.sha, !sha.isEmpty else { return nil }
        let value = rule["format"] == "short" ? try engine.settings.shortSHA(sha) : sha
        return (try engine.decorate(value, rule: rule), false)
    }

    /// `pattern.match(/^\/(.+)\/(.*)$/)`: the source and flags of a `/source/flags` literal.
    static func regexLiteral(_ pattern: String) -> (source: String, flags: String)? {
        let lineTerminators: Set<Character> = ["\n", "\r", "\u{2028}", "\u{2029}", "\r\n"]
        guard pattern.hasPrefix("/"), !pattern.contains(where: { lineTerminators.contains($0) }),
            let close = pattern.lastIndex(of: "/"), pattern.distance(from: pattern.startIndex, to: close) >= 2
        else { return nil }
        return (String(pattern[pattern.index(after: pattern.startIndex)..<close]), String(pattern[pattern.index(after: close)...]))
    }

    /// The array index a property key denotes (`"0"`, `"12"`), nil for any other key.
    static func arrayIndex(_ key: String) -> Int? {
        guard let value = Int(key), value >= 0, String(value) == key else { return nil }
        return value
    }

    static func compile(_ source: String, flags: String) throws(MetadataError) -> JSRegExp {
        do {
            return try JSRegExp(source, flags: flags)
        } catch {
            throw MetadataError(error.message, hint: "Patterns are JavaScript regular expressions; write /pattern/flags for flags.")
        }
    }
}
