/// An ECMAScript (V8) regular expression.
public struct JSRegExp: Sendable {
    /// Matcher steps allowed per `match` call by default; see `stepLimit`.
    public static let defaultStepLimit = 5_000_000

    /// The pattern text as given.
    public let source: String
    /// The flags in canonical order (`dgimsuvy`).
    public let flags: String
    /// Maximum matcher steps (instructions plus backtracks) for one `match` call. When it runs
    /// out, `match` returns nil and `matchOutcome` reports `.stepLimitExceeded`.
    public var stepLimit: Int = JSRegExp.defaultStepLimit

    private let parsedFlags: RegExpFlags
    private let program: RegExpProgram
    private let groupNames: [(name: String, index: Int)]

    /// The result of a match attempt that may have run out of steps.
    public enum MatchOutcome: Sendable, Equatable {
        /// What `String.prototype.match` returns (see `match(in:)`).
        case matched([String?])
        /// `String.prototype.match` returns null.
        case noMatch
        /// The step limit ran out before a verdict (V8 would keep going).
        case stepLimitExceeded
    }

    /// Compiles like `new RegExp(pattern, flags)`; throws with V8's SyntaxError message.
    public init(_ pattern: String, flags: String = "") throws(JSRegExpError) {
        guard let parsed = RegExpFlags(flags) else {
            throw JSRegExpError(message: "Invalid flags supplied to RegExp constructor '\(flags)'")
        }
        var parser = RegExpParser(pattern: Array(pattern.utf16), flags: parsed)
        let tree: RegExpNode
        do {
            tree = try parser.parse()
        } catch {
            throw JSRegExpError(
                message: "Invalid regular expression: /\(pattern)/\(parsed.canonicalText): \(error.rawValue)")
        }
        self.source = pattern
        self.flags = parsed.canonicalText
        self.parsedFlags = parsed
        self.groupNames = parser.groupNames
        self.program = RegExpCompiler.compile(tree, captureCount: parser.capturesStarted, flags: parsed)
    }

    /// The number of capture groups.
    public var captureCount: Int { program.captureCount }

    /// `String.prototype.match(this)`: nil for null; non-global: [whole, g1, g2, ...] with nil for groups that did not participate; global: every whole match.
    public func match(in input: String) -> [String?]? {
        if case .matched(let values) = matchOutcome(in: input) { return values }
        return nil
    }

    /// Like `match(in:)`, but tells a null result apart from running out of steps.
    public func matchOutcome(in input: String) -> MatchOutcome {
        let units = Array(input.utf16)
        var matcher = RegExpMatcher(program: program, input: units, flags: parsedFlags, stepBudget: stepLimit)
        do {
            if parsedFlags.global { return try allMatches(units, &matcher) }
            guard try exec(units, from: 0, &matcher) != nil else { return .noMatch }
            return .matched(captures(of: matcher, in: units))
        } catch {
            return .stepLimitExceeded
        }
    }

    /// Named groups of the first match (non-global), in pattern order, for completeness.
    public func firstMatchNamedGroups(in input: String) -> [(name: String, value: String?)]? {
        let units = Array(input.utf16)
        var matcher = RegExpMatcher(program: program, input: units, flags: parsedFlags, stepBudget: stepLimit)
        guard (try? exec(units, from: 0, &matcher)) != nil else { return nil }
        let values = captures(of: matcher, in: units)
        return groupNames.map { (name: $0.name, value: values[$0.index]) }
    }

    /// RegExpBuiltinExec from `lastIndex`: the first match at or after it (only at it when sticky).
    private func exec(_ units: [UInt16], from lastIndex: Int, _ matcher: inout RegExpMatcher) throws(RegExpMatcher.BudgetExceeded) -> Int? {
        var index = lastIndex
        while index <= units.count {
            if try matcher.match(at: index) { return matcher.slots[1] }
            if parsedFlags.sticky { return nil }
            index = advance(units, index)
        }
        return nil
    }

    private func allMatches(_ units: [UInt16], _ matcher: inout RegExpMatcher) throws(RegExpMatcher.BudgetExceeded) -> MatchOutcome {
        var results: [String?] = []
        var lastIndex = 0
        while let end = try exec(units, from: lastIndex, &matcher) {
            let start = matcher.slots[0]
            results.append(String(decoding: units[start..<end], as: UTF16.self))
            lastIndex = end == start ? advance(units, end) : end
        }
        return results.isEmpty ? .noMatch : .matched(results)
    }

    /// AdvanceStringIndex: one code unit, or a whole surrogate pair in Unicode mode.
    private func advance(_ units: [UInt16], _ index: Int) -> Int {
        guard parsedFlags.unicodeMode, index + 1 < units.count,
              UTF16.isLeadSurrogate(units[index]), UTF16.isTrailSurrogate(units[index + 1]) else { return index + 1 }
        return index + 2
    }

    private func captures(of matcher: RegExpMatcher, in units: [UInt16]) -> [String?] {
        (0...program.captureCount).map { group in
            let start = matcher.slots[2 * group]
            let end = matcher.slots[2 * group + 1]
            guard start >= 0, end >= start else { return nil }
            return String(decoding: units[start..<end], as: UTF16.self)
        }
    }
}
