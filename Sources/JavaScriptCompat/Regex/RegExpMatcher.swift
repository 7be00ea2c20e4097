/// Runs a `RegExpProgram` against UTF-16 input with an explicit backtrack stack (no recursion
/// except one level per nested lookaround), counting steps against a budget.
struct RegExpMatcher {
    /// Why a run stopped without a verdict.
    struct BudgetExceeded: Error {}

    private enum Frame {
        case branch(pc: Int, position: Int)
        case restoreSlot(Int, Int)
        case restoreRegister(Int, Int)
        case restoreAll(slots: [Int], registers: [Int])
    }

    private let program: RegExpProgram
    private let input: [UInt16]
    private let unicode: Bool
    private let ignoreCase: Bool
    private let wordSet: CodePointSet
    private(set) var slots: [Int]
    private var registers: [Int]
    private var stack: [Frame] = []
    private var stepsLeft: Int

    init(program: RegExpProgram, input: [UInt16], flags: RegExpFlags, stepBudget: Int) {
        self.program = program
        self.input = input
        self.unicode = flags.unicodeMode
        self.ignoreCase = flags.ignoreCase
        var word = UnicodeProperties.wordCharacters
        if flags.unicodeMode && flags.ignoreCase { word = CaseEquivalence.unicode.closure(of: word) }
        self.wordSet = word
        self.slots = Array(repeating: -1, count: 2 * (program.captureCount + 1))
        self.registers = Array(repeating: 0, count: program.registerCount)
        self.stepsLeft = stepBudget
    }

    /// Tries a match starting exactly at `start`; on success `slots` hold the captures.
    mutating func match(at start: Int) throws(BudgetExceeded) -> Bool {
        for index in slots.indices { slots[index] = -1 }
        stack.removeAll(keepingCapacity: true)
        guard let end = try run(pc: 0, position: start) else { return false }
        slots[0] = start
        slots[1] = end
        return true
    }

    /// Runs from `pc` until `succeed` (returns the position) or exhaustion of this run's frames.
    private mutating func run(pc startPC: Int, position startPosition: Int) throws(BudgetExceeded) -> Int? {
        let base = stack.count
        var pc = startPC
        var position = startPosition
        while true {
            stepsLeft -= 1
            if stepsLeft < 0 { throw BudgetExceeded() }
            var failed = false
            switch program.code[pc] {
            case .character(let c, let backward):
                if let (value, next) = read(position, backward: backward), value == c {
                    position = next
                    pc += 1
                } else { failed = true }
            case .characterGroup(let index, let backward):
                if let (value, next) = read(position, backward: backward), program.characterGroups[index].contains(value) {
                    position = next
                    pc += 1
                } else { failed = true }
            case .set(let index, let negated, let backward):
                if let (value, next) = read(position, backward: backward),
                   program.sets[index].contains(value) != negated {
                    position = next
                    pc += 1
                } else { failed = true }
            case .split(let prefer, let alternative):
                stack.append(.branch(pc: alternative, position: position))
                pc = prefer
            case .jump(let target):
                pc = target
            case .save(let slot):
                stack.append(.restoreSlot(slot, slots[slot]))
                slots[slot] = position
                pc += 1
            case .clearSlots(let from, let to):
                for slot in from..<to where slots[slot] != -1 {
                    stack.append(.restoreSlot(slot, slots[slot]))
                    slots[slot] = -1
                }
                pc += 1
            case .assertion(let kind):
                if check(kind, at: position) { pc += 1 } else { failed = true }
            case .backReference(let group, let backward):
                if let next = matchBackReference(group, at: position, backward: backward) {
                    position = next
                    pc += 1
                } else { failed = true }
            case .resetCounter(let register):
                setRegister(register, 0)
                pc += 1
            case .loop(let counter, let min, let max, let greedy, let body, let exit):
                let count = registers[counter]
                if count < min {
                    pc = body
                } else if let max, count >= max {
                    pc = exit
                } else if greedy {
                    stack.append(.branch(pc: exit, position: position))
                    pc = body
                } else {
                    stack.append(.branch(pc: body, position: position))
                    pc = exit
                }
            case .markStart(let register):
                setRegister(register, position)
                pc += 1
            case .loopEnd(let counter, let min, let head):
                if registers[counter] >= min && position == registers[counter + 1] {
                    failed = true
                } else {
                    setRegister(counter, registers[counter] + 1)
                    pc = head
                }
            case .lookaround(let body, let next, let negative):
                if try runLookaround(body: body, position: position, negative: negative) {
                    pc = next
                } else { failed = true }
            case .succeed:
                return position
            }
            if failed {
                guard let resume = backtrack(to: base) else { return nil }
                pc = resume.pc
                position = resume.position
            }
        }
    }

    private mutating func runLookaround(body: Int, position: Int, negative: Bool) throws(BudgetExceeded) -> Bool {
        let savedSlots = slots
        let savedRegisters = registers
        let base = stack.count
        let matched = try run(pc: body, position: position) != nil
        if stack.count > base { stack.removeSubrange(base...) }
        if negative {
            if matched {
                slots = savedSlots
                registers = savedRegisters
            }
            return !matched
        }
        if matched { stack.append(.restoreAll(slots: savedSlots, registers: savedRegisters)) }
        return matched
    }

    /// Pops frames down to `base`, undoing state, until a branch is found.
    private mutating func backtrack(to base: Int) -> (pc: Int, position: Int)? {
        while stack.count > base {
            switch stack.removeLast() {
            case .branch(let pc, let position):
                return (pc, position)
            case .restoreSlot(let slot, let value):
                slots[slot] = value
            case .restoreRegister(let register, let value):
                registers[register] = value
            case .restoreAll(let savedSlots, let savedRegisters):
                slots = savedSlots
                registers = savedRegisters
            }
        }
        return nil
    }

    private mutating func setRegister(_ register: Int, _ value: Int) {
        stack.append(.restoreRegister(register, registers[register]))
        registers[register] = value
    }

    /// Reads one character (code unit, or code point in Unicode mode) forward or backward.
    func read(_ position: Int, backward: Bool) -> (UInt32, Int)? {
        if backward {
            guard position > 0 else { return nil }
            let unit = input[position - 1]
            if unicode, UTF16.isTrailSurrogate(unit), position >= 2, UTF16.isLeadSurrogate(input[position - 2]) {
                return (RegExpMatcher.combine(input[position - 2], unit), position - 2)
            }
            return (UInt32(unit), position - 1)
        }
        guard position < input.count else { return nil }
        let unit = input[position]
        if unicode, UTF16.isLeadSurrogate(unit), position + 1 < input.count, UTF16.isTrailSurrogate(input[position + 1]) {
            return (RegExpMatcher.combine(unit, input[position + 1]), position + 2)
        }
        return (UInt32(unit), position + 1)
    }

    static func combine(_ lead: UInt16, _ trail: UInt16) -> UInt32 {
        0x10000 + ((UInt32(lead) - 0xD800) << 10) + (UInt32(trail) - 0xDC00)
    }

    private func check(_ kind: RegExpAssertion, at position: Int) -> Bool {
        switch kind {
        case .startOfInput: return position == 0
        case .endOfInput: return position == input.count
        case .startOfLine: return position == 0 || isLineTerminator(input[position - 1])
        case .endOfLine: return position == input.count || isLineTerminator(input[position])
        case .wordBoundary: return isWord(position - 1) != isWord(position)
        case .notWordBoundary: return isWord(position - 1) == isWord(position)
        }
    }

    private func isLineTerminator(_ unit: UInt16) -> Bool {
        unit == 0x0A || unit == 0x0D || unit == 0x2028 || unit == 0x2029
    }

    private func isWord(_ index: Int) -> Bool {
        index >= 0 && index < input.count && wordSet.contains(UInt32(input[index]))
    }

    /// Matches capture `group`'s text at `position`; returns the new position.
    private func matchBackReference(_ group: Int, at position: Int, backward: Bool) -> Int? {
        let start = slots[2 * group]
        let end = slots[2 * group + 1]
        guard start >= 0, end >= 0 else { return position }
        let length = end - start
        if !ignoreCase {
            let from = backward ? position - length : position
            guard from >= 0, from + length <= input.count else { return nil }
            for offset in 0..<length where input[start + offset] != input[from + offset] { return nil }
            return backward ? from : position + length
        }
        let equivalence: CaseEquivalence = unicode ? .unicode : .legacy
        var captured = backward ? end : start
        var current = position
        while backward ? captured > start : captured < end {
            guard let (expected, nextCaptured) = read(captured, backward: backward),
                  let (actual, nextCurrent) = read(current, backward: backward),
                  equivalence.areEquivalent(expected, actual) else { return nil }
            captured = nextCaptured
            current = nextCurrent
        }
        return current
    }
}
