/// A `BacktrackingPattern` compiled to a small instruction list and run by an iterative
/// backtracking machine (explicit heap stack, so long inputs cannot overflow the call stack).
///
/// Alternatives are explored depth-first in priority order (the preferred branch of every
/// split first), which is exactly ECMAScript's backtracking order for these patterns: they
/// have no back-references, no look-around, and no quantified sub-pattern that can match
/// the empty string.
struct BacktrackingProgram: Sendable {
    /// One machine instruction.
    enum Instruction: Sendable {
        /// Consume one code unit of the class.
        case unit(CodeUnitClass)
        /// Continue at `preferred`; on failure, resume at `alternative`.
        case split(preferred: Int, alternative: Int)
        /// Continue at the target.
        case jump(Int)
        /// Record the current position in a capture slot (`2 × group` start, `+ 1` end).
        case save(Int)
        /// Succeed if the whole input is consumed.
        case match
    }

    private var instructions: [Instruction] = []
    private let slotCount: Int

    /// Compiles `pattern` (group numbers `1...groupCount`).
    init(_ pattern: BacktrackingPattern, groupCount: Int) {
        slotCount = 2 * (groupCount + 1)
        emit(pattern)
        instructions.append(.match)
    }

    // MARK: compilation

    private mutating func emit(_ pattern: BacktrackingPattern) {
        switch pattern {
        case .unit(let cls):
            instructions.append(.unit(cls))
        case .sequence(let parts):
            parts.forEach { emit($0) }
        case .choice(let alternatives):
            emitChoice(alternatives[...])
        case .repeated(let inner, let min, let max):
            emitRepeat(inner, min: min, max: max)
        case .capture(let group, let inner):
            instructions.append(.save(2 * group))
            emit(inner)
            instructions.append(.save(2 * group + 1))
        }
    }

    private mutating func emitChoice(_ alternatives: ArraySlice<BacktrackingPattern>) {
        guard let first = alternatives.first else { return }
        let rest = alternatives.dropFirst()
        if rest.isEmpty {
            emit(first)
            return
        }
        let split = placeholder()
        emit(first)
        let jump = placeholder()
        instructions[split] = .split(preferred: split + 1, alternative: instructions.count)
        emitChoice(rest)
        instructions[jump] = .jump(instructions.count)
    }

    private mutating func emitRepeat(_ inner: BacktrackingPattern, min: Int, max: Int) {
        for _ in 0..<min { emit(inner) }
        if max == Int.max {
            let loop = placeholder()
            emit(inner)
            instructions.append(.jump(loop))
            instructions[loop] = .split(preferred: loop + 1, alternative: instructions.count)
            return
        }
        var exits: [Int] = []
        for _ in min..<max {
            exits.append(placeholder())
            emit(inner)
        }
        let end = instructions.count
        for split in exits {
            instructions[split] = .split(preferred: split + 1, alternative: end)
        }
    }

    private mutating func placeholder() -> Int {
        instructions.append(.match)
        return instructions.count - 1
    }

    // MARK: execution

    /// Matches the whole of `input`, returning the capture ranges by group number, or nil.
    func matchWhole(_ input: [UInt16]) -> [Range<Int>?]? {
        var stack: [(pc: Int, position: Int, slots: [Int])] = [(0, 0, Array(repeating: -1, count: slotCount))]
        while let thread = stack.popLast() {
            if let slots = run(thread, input: input, stack: &stack) {
                return ranges(slots)
            }
        }
        return nil
    }

    /// Runs one thread until it fails (nil) or matches (its capture slots).
    private func run(_ thread: (pc: Int, position: Int, slots: [Int]), input: [UInt16],
                     stack: inout [(pc: Int, position: Int, slots: [Int])]) -> [Int]? {
        var (pc, position, slots) = thread
        while true {
            switch instructions[pc] {
            case .unit(let cls):
                guard position < input.count, cls.contains(input[position]) else { return nil }
                position += 1
                pc += 1
            case .split(let preferred, let alternative):
                stack.append((alternative, position, slots))
                pc = preferred
            case .jump(let target):
                pc = target
            case .save(let slot):
                slots[slot] = position
                pc += 1
            case .match:
                return position == input.count ? slots : nil
            }
        }
    }

    private func ranges(_ slots: [Int]) -> [Range<Int>?] {
        stride(from: 0, to: slots.count, by: 2).map { index in
            slots[index] >= 0 && slots[index + 1] >= slots[index] ? slots[index]..<slots[index + 1] : nil
        }
    }
}
