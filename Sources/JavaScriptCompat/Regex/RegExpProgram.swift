/// A compiled pattern.
struct RegExpProgram: Sendable {
    var code: [Instruction] = []
    var sets: [CodePointSet] = []
    var characterGroups: [[UInt32]] = []
    var registerCount = 0
    var captureCount = 0
}
