/// Translates a `RegExpNode` tree into a `RegExpProgram`.
struct RegExpCompiler {
    private var program = RegExpProgram()
    private let flags: RegExpFlags

    /// Compiles `tree` for a pattern with `captureCount` groups.
    static func compile(_ tree: RegExpNode, captureCount: Int, flags: RegExpFlags) -> RegExpProgram {
        var compiler = RegExpCompiler(flags: flags)
        compiler.program.captureCount = captureCount
        compiler.emit(tree, backward: false)
        compiler.append(.succeed)
        return compiler.program
    }

    private init(flags: RegExpFlags) { self.flags = flags }

    private var equivalence: CaseEquivalence { flags.unicodeMode ? .unicode : .legacy }

    @discardableResult
    private mutating func append(_ instruction: Instruction) -> Int {
        program.code.append(instruction)
        return program.code.count - 1
    }

    private mutating func emit(_ node: RegExpNode, backward: Bool) {
        switch node {
        case .empty:
            break
        case .character(let c):
            emitCharacter(c, backward: backward)
        case .characterClass(let set, let negated):
            let closed = flags.ignoreCase ? equivalence.closure(of: set) : set
            program.sets.append(closed)
            append(.set(program.sets.count - 1, negated: negated, backward: backward))
        case .sequence(let items):
            for item in (backward ? items.reversed() : items) { emit(item, backward: backward) }
        case .alternation(let items):
            emitAlternation(items, backward: backward)
        case .capture(let index, let body):
            append(.save(slot: 2 * index + (backward ? 1 : 0)))
            emit(body, backward: backward)
            append(.save(slot: 2 * index + (backward ? 0 : 1)))
        case .lookaround(let body, let behind, let negative, _, _):
            let start = append(.jump(0))
            emit(body, backward: behind)
            append(.succeed)
            program.code[start] = .lookaround(body: start + 1, next: program.code.count, negative: negative)
        case .quantifier(let body, let min, let max, let greedy, let first, let count):
            emitQuantifier(body, min: min, max: max, greedy: greedy, firstCapture: first, captureCount: count,
                           backward: backward)
        case .backReference(let group):
            append(.backReference(group: group, backward: backward))
        case .namedBackReference:
            break
        case .assertion(let kind):
            append(.assertion(kind))
        }
    }

    private mutating func emitCharacter(_ c: UInt32, backward: Bool) {
        if flags.ignoreCase {
            let group = equivalence.equivalents(of: c)
            if group.count > 1 {
                program.characterGroups.append(group)
                append(.characterGroup(program.characterGroups.count - 1, backward: backward))
                return
            }
        }
        append(.character(c, backward: backward))
    }

    private mutating func emitAlternation(_ items: [RegExpNode], backward: Bool) {
        var jumpsToEnd: [Int] = []
        for (offset, item) in items.enumerated() {
            if offset == items.count - 1 {
                emit(item, backward: backward)
            } else {
                let split = append(.jump(0))
                emit(item, backward: backward)
                jumpsToEnd.append(append(.jump(0)))
                program.code[split] = .split(prefer: split + 1, alternative: program.code.count)
            }
        }
        let end = program.code.count
        for index in jumpsToEnd { program.code[index] = .jump(end) }
    }

    private mutating func emitQuantifier(_ body: RegExpNode, min: Int, max: Int?, greedy: Bool,
                                         firstCapture: Int, captureCount: Int, backward: Bool) {
        if max == 0 { return }
        let counter = program.registerCount
        program.registerCount += 2
        append(.resetCounter(register: counter))
        let head = append(.jump(0))
        append(.markStart(register: counter + 1))
        if captureCount > 0 {
            append(.clearSlots(from: 2 * firstCapture, to: 2 * (firstCapture + captureCount)))
        }
        emit(body, backward: backward)
        append(.loopEnd(counter: counter, min: min, head: head))
        program.code[head] = .loop(counter: counter, min: min, max: max, greedy: greedy, body: head + 1,
                                   exit: program.code.count)
    }
}
