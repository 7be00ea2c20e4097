/// Parses a pattern into a `RegExpNode`, following V8's parser step by step so that the
/// first error found (and its wording) is the one V8 reports.
struct RegExpParser {
    /// Marks the end of the pattern in `current`.
    static let endMarker: UInt32 = 1 << 21
    /// V8's limit on capture groups.
    static let maxCaptures = 1 << 16
    /// Deepest group nesting accepted; deeper patterns report V8's "Stack overflow".
    static let maxNesting = 1000

    let units: [UInt16]
    let flags: RegExpFlags
    var nextPos = 0
    var current: UInt32 = RegExpParser.endMarker
    var hasMore = true
    var forceUnicode = false

    var capturesStarted = 0
    var captureCount = 0
    var isScannedForCaptures = false
    var hasNamedCaptures = false
    /// Named groups (name, index), in the order their groups closed.
    var namedCaptures: [(name: String, index: Int)] = []
    var usesNamedBackReferences = false
    var namedReferenceNames: [String] = []

    /// Open groups, innermost last: capture index (or nil) and name.
    var openGroups: [(index: Int?, name: String?)] = []
    /// Depth of nested `v`-mode classes being parsed.
    var classNesting = 0

    init(pattern: [UInt16], flags: RegExpFlags) {
        self.units = pattern
        self.flags = flags
    }

    // MARK: cursor (mirrors V8's current/next/advance/reset)

    var unicodeMode: Bool { flags.unicodeMode || forceUnicode }
    var unicodeSets: Bool { flags.unicodeSets }
    var ignoreCase: Bool { flags.ignoreCase }
    var hasNext: Bool { nextPos < units.count }
    var position: Int { nextPos - 1 }

    func read(at index: Int) -> (value: UInt32, next: Int) {
        let c0 = units[index]
        if unicodeMode, index + 1 < units.count, UTF16.isLeadSurrogate(c0), UTF16.isTrailSurrogate(units[index + 1]) {
            let value = 0x10000 + ((UInt32(c0) - 0xD800) << 10) + (UInt32(units[index + 1]) - 0xDC00)
            return (value, index + 2)
        }
        return (UInt32(c0), index + 1)
    }

    func next() -> UInt32 { hasNext ? read(at: nextPos).value : RegExpParser.endMarker }

    mutating func advance() {
        if hasNext {
            let (value, after) = read(at: nextPos)
            current = value
            nextPos = after
        } else {
            current = RegExpParser.endMarker
            nextPos = units.count + 1
            hasMore = false
        }
    }

    mutating func advance(by distance: Int) {
        nextPos += distance - 1
        advance()
    }

    mutating func reset(to index: Int) {
        nextPos = index
        hasMore = index < units.count
        advance()
    }

    mutating func rewindByOneCodePoint() {
        guard hasMore else { return }
        advance(by: current > 0xFFFF ? -2 : -1)
    }

    // MARK: entry

    /// Parses the whole pattern and resolves named back references.
    mutating func parse() throws(RegExpSyntaxIssue) -> RegExpNode {
        advance()
        let tree = try parseDisjunction()
        if usesNamedBackReferences {
            if namedCaptures.isEmpty { throw .invalidNamedCaptureReference }
            for name in namedReferenceNames where !namedCaptures.contains(where: { $0.name == name }) {
                throw .invalidNamedCaptureReference
            }
        }
        return resolveNamedReferences(tree)
    }

    /// Capture group names with their indices, in index order.
    var groupNames: [(name: String, index: Int)] { namedCaptures.sorted { $0.index < $1.index } }

    private func resolveNamedReferences(_ node: RegExpNode) -> RegExpNode {
        guard usesNamedBackReferences else { return node }
        switch node {
        case .namedBackReference(let name):
            let index = namedCaptures.first { $0.name == name }?.index ?? 0
            return .backReference(index)
        case .sequence(let items): return .sequence(items.map(resolveNamedReferences))
        case .alternation(let items): return .alternation(items.map(resolveNamedReferences))
        case .capture(let index, let body): return .capture(index, resolveNamedReferences(body))
        case .lookaround(let body, let behind, let negative, let first, let count):
            return .lookaround(resolveNamedReferences(body), behind: behind, negative: negative,
                               firstCapture: first, captureCount: count)
        case .quantifier(let body, let min, let max, let greedy, let first, let count):
            return .quantifier(resolveNamedReferences(body), min: min, max: max, greedy: greedy,
                               firstCapture: first, captureCount: count)
        default: return node
        }
    }

    // MARK: disjunction

    /// Parses alternatives until the end of the pattern (top level) or a `)` (inside a group,
    /// which is consumed).
    mutating func parseDisjunction() throws(RegExpSyntaxIssue) -> RegExpNode {
        var builder = TermBuilder()
        while true {
            let capturesBefore = capturesStarted
            switch current {
            case RegExpParser.endMarker:
                if !openGroups.isEmpty { throw .unterminatedGroup }
                return builder.finish()
            case 0x29:  // )
                if openGroups.isEmpty { throw .unmatchedParen }
                advance()
                return builder.finish()
            case 0x7C:  // |
                advance()
                builder.newAlternative()
                continue
            case 0x2A, 0x2B, 0x3F:  // * + ?
                throw .nothingToRepeat
            case 0x5E:  // ^
                advance()
                builder.addAssertion(.assertion(flags.multiline ? .startOfLine : .startOfInput))
                continue
            case 0x24:  // $
                advance()
                builder.addAssertion(.assertion(flags.multiline ? .endOfLine : .endOfInput))
                continue
            case 0x2E:  // .
                advance()
                let set = flags.dotAll ? CodePointSet.all : UnicodeProperties.notLineTerminators
                builder.addAtom(.characterClass(set, negated: false))
            case 0x28:  // (
                builder.addAtom(try parseGroup())
            case 0x5B:  // [
                builder.addAtom(try parseCharacterClassAtom())
            case 0x5C:  // backslash
                if try parseAtomEscape(into: &builder) { continue }
            case 0x7B:  // {
                var lower = 0
                var upper = 0
                if try parseIntervalQuantifier(min: &lower, max: &upper) { throw .nothingToRepeat }
                if unicodeMode { throw .loneQuantifierBrackets }
                builder.addAtom(.character(current))
                advance()
            case 0x7D, 0x5D:  // } ]
                if unicodeMode { throw .loneQuantifierBrackets }
                builder.addAtom(.character(current))
                advance()
            default:
                builder.addAtom(.character(current))
                advance()
            }
            try parseQuantifier(into: &builder, firstCapture: capturesBefore + 1)
        }
    }

    /// Parses an optional quantifier after an atom and applies it to the builder's last atom.
    private mutating func parseQuantifier(into builder: inout TermBuilder, firstCapture: Int) throws(RegExpSyntaxIssue) {
        var lower = 0
        var upper: Int? = nil
        switch current {
        case 0x2A: advance()
        case 0x2B: lower = 1; advance()
        case 0x3F: upper = 1; advance()
        case 0x7B:
            var parsedMin = 0
            var parsedMax = 0
            if try parseIntervalQuantifier(min: &parsedMin, max: &parsedMax) {
                if parsedMax < parsedMin { throw .rangeOutOfOrder }
                lower = parsedMin
                upper = parsedMax == Int(Int32.max) ? nil : parsedMax
            } else if unicodeMode {
                throw .incompleteQuantifier
            } else {
                return
            }
        default:
            return
        }
        var greedy = true
        if current == 0x3F {
            greedy = false
            advance()
        }
        let count = capturesStarted - firstCapture + 1
        let applied = builder.quantifyLast(min: lower, max: upper, greedy: greedy, firstCapture: firstCapture,
                                           captureCount: count, unicodeMode: unicodeMode)
        if !applied { throw .invalidQuantifier }
    }

    /// Parses `{n}`, `{n,}`, `{n,m}` at `current == "{"`; on failure the cursor is restored.
    mutating func parseIntervalQuantifier(min: inout Int, max: inout Int) throws(RegExpSyntaxIssue) -> Bool {
        let infinity = Int(Int32.max)
        let start = position
        advance()
        guard isDecimalDigit(current) else {
            reset(to: start)
            return false
        }
        var lower = 0
        lower = readBoundedDecimal(infinity: infinity)
        var upper = 0
        if current == 0x7D {
            upper = lower
            advance()
        } else if current == 0x2C {
            advance()
            if current == 0x7D {
                upper = infinity
                advance()
            } else {
                upper = readBoundedDecimal(infinity: infinity)
                if current != 0x7D {
                    reset(to: start)
                    return false
                }
                advance()
            }
        } else {
            reset(to: start)
            return false
        }
        min = lower
        max = upper
        return true
    }

    private mutating func readBoundedDecimal(infinity: Int) -> Int {
        var value = 0
        while isDecimalDigit(current) {
            let digit = Int(current - 0x30)
            if value > (infinity - digit) / 10 {
                repeat { advance() } while isDecimalDigit(current)
                return infinity
            }
            value = 10 * value + digit
            advance()
        }
        return value
    }

    func isDecimalDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }

    // MARK: groups

    /// Parses a parenthesized group at `current == "("`, including its closing `)`.
    private mutating func parseGroup() throws(RegExpSyntaxIssue) -> RegExpNode {
        enum Kind { case capture, grouping, lookahead(Bool), lookbehind(Bool) }
        var kind = Kind.capture
        var isNamed = false
        advance()
        if current == 0x3F {
            switch next() {
            case 0x3A: advance(by: 2); kind = .grouping
            case 0x3D: advance(by: 2); kind = .lookahead(false)
            case 0x21: advance(by: 2); kind = .lookahead(true)
            case 0x3C:
                advance()
                if next() == 0x3D {
                    advance(by: 2); kind = .lookbehind(false)
                } else if next() == 0x21 {
                    advance(by: 2); kind = .lookbehind(true)
                } else {
                    isNamed = true
                    hasNamedCaptures = true
                    advance()
                }
            default:
                throw .invalidGroup
            }
        }
        var index: Int? = nil
        var name: String? = nil
        if case .capture = kind {
            if capturesStarted >= RegExpParser.maxCaptures { throw .tooManyCaptures }
            capturesStarted += 1
            index = capturesStarted
            if isNamed { name = try parseCaptureGroupName() }
        }
        if openGroups.count + classNesting >= RegExpParser.maxNesting { throw .stackOverflow }
        let firstInner = capturesStarted + 1
        openGroups.append((index, name))
        let body = try parseDisjunction()
        openGroups.removeLast()
        switch kind {
        case .capture:
            let captureIndex = index ?? 0
            if let name {
                if namedCaptures.contains(where: { $0.name == name }) { throw .duplicateCaptureGroupName }
                namedCaptures.append((name, captureIndex))
            }
            return .capture(captureIndex, body)
        case .grouping:
            return body
        case .lookahead(let negative), .lookbehind(let negative):
            var behind = false
            if case .lookbehind = kind { behind = true }
            return .lookaround(body, behind: behind, negative: negative, firstCapture: firstInner,
                               captureCount: capturesStarted - firstInner + 1)
        }
    }
}
