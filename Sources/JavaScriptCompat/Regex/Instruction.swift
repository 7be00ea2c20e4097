/// One step of the backtracking matcher. Payloads are plain values so dispatch stays cheap.
enum Instruction: Sendable {
    /// Consume one character equal to the value.
    case character(UInt32, backward: Bool)
    /// Consume one character from `RegExpProgram.characterGroups[index]` (case-insensitive atom).
    case characterGroup(Int, backward: Bool)
    /// Consume one character whose membership in `RegExpProgram.sets[index]` differs from `negated`.
    case set(Int, negated: Bool, backward: Bool)
    /// Continue at `prefer`; on failure resume at `alternative`.
    case split(prefer: Int, alternative: Int)
    /// Continue at the target.
    case jump(Int)
    /// Store the position in capture slot `slot`.
    case save(slot: Int)
    /// Reset capture slots `from..<to` (captures inside a quantified atom, per iteration).
    case clearSlots(from: Int, to: Int)
    /// A zero-width assertion.
    case assertion(RegExpAssertion)
    /// Match the text of capture `group` again.
    case backReference(group: Int, backward: Bool)
    /// Set loop counter `register` to zero (entering a quantifier).
    case resetCounter(register: Int)
    /// Loop head of a quantifier; `counter` and `counter + 1` (iteration start) are its registers.
    case loop(counter: Int, min: Int, max: Int?, greedy: Bool, body: Int, exit: Int)
    /// Record the iteration start position in `register`.
    case markStart(register: Int)
    /// End of one iteration: reject empty optional iterations, count, and go back to `head`.
    case loopEnd(counter: Int, min: Int, head: Int)
    /// Run the lookaround body at `body` (ending in `succeed`), then continue at `next`.
    case lookaround(body: Int, next: Int, negative: Bool)
    /// The end of the pattern or of a lookaround body.
    case succeed
}
