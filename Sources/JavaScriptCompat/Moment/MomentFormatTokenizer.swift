/// Splits a moment format string into tokens the way moment 2.30 does: first the
/// locale long-date tokens (`LT`, `LLLL`, `l`...) are expanded (at most six passes),
/// then the string is cut by moment's formatting-token pattern.
enum MomentFormatTokenizer {
    /// A piece of a tokenized format.
    enum Token: Equatable, Sendable {
        /// A formatting token (for example `YYYY`) to be replaced by a value.
        case field(String)
        /// Text that is output as is.
        case literal(String)
    }

    private static let openBracket: UInt16 = 0x5B
    private static let closeBracket: UInt16 = 0x5D
    private static let backslash: UInt16 = 0x5C

    /// The English locale's long date formats.
    static let longDateFormats: [String: String] = [
        "LTS": "h:mm:ss A", "LT": "h:mm A",
        "L": "MM/DD/YYYY", "LL": "MMMM D, YYYY", "LLL": "MMMM D, YYYY h:mm A",
        "LLLL": "dddd, MMMM D, YYYY h:mm A",
        "l": "M/D/YYYY", "ll": "MMM D, YYYY", "lll": "MMM D, YYYY h:mm A",
        "llll": "ddd, MMM D, YYYY h:mm A",
    ]

    /// Tokenizes `format` (already known to be a non-empty string).
    static func tokenize(_ format: String) -> [Token] {
        let expanded = expandLongDateFormats(Array(format.utf16))
        return splitTokens(expanded)
    }

    // MARK: - Long date expansion

    /// Applies up to six replacement passes of the long-date token pattern.
    static func expandLongDateFormats(_ units: [UInt16]) -> [UInt16] {
        var current = units
        for _ in 0..<6 {
            let (next, matched) = expansionPass(current)
            if !matched { break }
            current = next
        }
        return current
    }

    private static func expansionPass(_ units: [UInt16]) -> ([UInt16], Bool) {
        var output: [UInt16] = []
        output.reserveCapacity(units.count)
        var matched = false
        var position = 0
        while position < units.count {
            if let end = bracketEnd(units, from: position) {
                matched = true
                output.append(contentsOf: units[position...end])
                position = end + 1
            } else if units[position] == backslash, let length = longDateTokenLength(units, at: position + 1) {
                matched = true
                output.append(contentsOf: units[position...(position + length)])
                position += length + 1
            } else if let length = longDateTokenLength(units, at: position) {
                matched = true
                let token = String(decoding: units[position..<(position + length)], as: UTF16.self)
                output.append(contentsOf: (longDateFormats[token] ?? token).utf16)
                position += length
            } else {
                output.append(units[position])
                position += 1
            }
        }
        return (output, matched)
    }

    /// Length of `LTS|LT|LL?L?L?|l{1,4}` at `position`, if it matches.
    private static func longDateTokenLength(_ units: [UInt16], at position: Int) -> Int? {
        guard position < units.count else { return nil }
        let upperL: UInt16 = 0x4C, lowerL: UInt16 = 0x6C, upperT: UInt16 = 0x54, upperS: UInt16 = 0x53
        if units[position] == upperL {
            if unit(units, position + 1) == upperT {
                return unit(units, position + 2) == upperS ? 3 : 2
            }
            return run(units, of: upperL, from: position, max: 4)
        }
        if units[position] == lowerL {
            return run(units, of: lowerL, from: position, max: 4)
        }
        return nil
    }

    // MARK: - Token splitting

    /// Cuts the expanded format into tokens (moment's `makeFormatFunction`). Adjacent literal
    /// pieces are merged before decoding, so a surrogate pair cut in two by `.` stays whole.
    static func splitTokens(_ units: [UInt16]) -> [Token] {
        var tokens: [Token] = []
        var pending: [UInt16] = []
        func flush() {
            if !pending.isEmpty {
                tokens.append(.literal(String(decoding: pending, as: UTF16.self)))
                pending.removeAll()
            }
        }
        var position = 0
        while position < units.count {
            let (length, piece) = nextToken(units, at: position)
            switch piece {
            case .field(let name):
                flush()
                tokens.append(.field(name))
            case .literalUnits(let literal):
                pending.append(contentsOf: literal)
            }
            position += length
        }
        flush()
        return tokens
    }

    private enum Piece {
        case field(String)
        case literalUnits([UInt16])
    }

    /// The token at `position`: its length in units and what it stands for.
    private static func nextToken(_ units: [UInt16], at position: Int) -> (Int, Piece) {
        if let end = bracketEnd(units, from: position) {
            return (end - position + 1, .literalUnits(Array(units[(position + 1)..<end])))
        }
        if units[position] == backslash, let length = formattingTokenLength(units, at: position + 1) {
            let escaped = units[(position + 1)..<(position + 1 + length)]
            return (length + 1, .literalUnits(withoutEscapes(Array(escaped))))
        }
        guard let length = formattingTokenLength(units, at: position) else {
            return (1, .literalUnits([]))  // a line terminator: `.` does not match it, so it is dropped
        }
        let slice = Array(units[position..<(position + length)])
        let text = String(decoding: slice, as: UTF16.self)
        if MomentTokenRenderer.isFieldToken(text) {
            return (length, .field(text))
        }
        return (length, .literalUnits(withoutEscapes(slice)))
    }

    /// moment's `removeFormattingTokens` for a non-bracket token: drops backslashes.
    private static func withoutEscapes(_ units: [UInt16]) -> [UInt16] {
        units.filter { $0 != backslash }
    }

    /// End index of `\[[^\[]*\]` starting at `position` (the last `]` before the next `[`).
    private static func bracketEnd(_ units: [UInt16], from position: Int) -> Int? {
        guard units[position] == openBracket else { return nil }
        var last: Int?
        var index = position + 1
        while index < units.count, units[index] != openBracket {
            if units[index] == closeBracket { last = index }
            index += 1
        }
        return last
    }

    /// Length of moment's formatting-token alternatives at `position` (in order), or
    /// of one character (`.`); nil for a line terminator or the end of the string.
    static func formattingTokenLength(_ units: [UInt16], at position: Int) -> Int? {
        guard position < units.count else { return nil }
        let first = units[position]
        if let length = letterTokenLength(units, at: position, first: first) {
            return length
        }
        switch first {
        case 0x0A, 0x0D, 0x2028, 0x2029: return nil
        default: return 1
        }
    }

    private static func letterTokenLength(_ units: [UInt16], at position: Int, first: UInt16) -> Int? {
        guard first < 0x80 else { return nil }
        switch Character(Unicode.Scalar(UInt8(first))) {
        case "H", "h": return hourMinuteLength(units, at: position)
        case "M": return unit(units, position + 1) == ascii("o") ? 2 : run(units, of: first, from: position, max: 4)
        case "D": return dayOfMonthLength(units, at: position)
        case "d": return weekdayLength(units, at: position)
        case "w", "W": return weekLength(units, at: position, letter: first)
        case "Q": return unit(units, position + 1) == ascii("o") ? 2 : 1
        case "N": return run(units, of: first, from: position, max: 5)
        case "Y": return yearLength(units, at: position)
        case "y": return eraYearLength(units, at: position)
        case "g", "G": return weekYearLength(units, at: position, letter: first)
        case "k", "m", "s", "z", "Z": return run(units, of: first, from: position, max: 2)
        case "S": return run(units, of: first, from: position, max: 9)
        default: return nil
        }
    }

    /// `[Hh]mm(ss)?` first, then `hh?` / `HH?`.
    private static func hourMinuteLength(_ units: [UInt16], at position: Int) -> Int {
        let m = ascii("m"), s = ascii("s")
        if unit(units, position + 1) == m, unit(units, position + 2) == m {
            return unit(units, position + 3) == s && unit(units, position + 4) == s ? 5 : 3
        }
        return run(units, of: units[position], from: position, max: 2)
    }

    /// `Do`, `DDDo`, then `DD?D?D?`.
    private static func dayOfMonthLength(_ units: [UInt16], at position: Int) -> Int {
        let d = ascii("D"), o = ascii("o")
        if unit(units, position + 1) == o { return 2 }
        if unit(units, position + 1) == d, unit(units, position + 2) == d, unit(units, position + 3) == o {
            return 4
        }
        return run(units, of: d, from: position, max: 4)
    }

    /// `ddd?d?`, then `do?`.
    private static func weekdayLength(_ units: [UInt16], at position: Int) -> Int {
        let d = ascii("d")
        let count = run(units, of: d, from: position, max: 4)
        if count >= 2 { return count }
        return unit(units, position + 1) == ascii("o") ? 2 : 1
    }

    /// `w[o|w]?` / `W[o|W]?`: the letter, optionally followed by `o`, `|` or itself.
    private static func weekLength(_ units: [UInt16], at position: Int, letter: UInt16) -> Int {
        let next = unit(units, position + 1)
        return next == ascii("o") || next == ascii("|") || next == letter ? 2 : 1
    }

    /// `YYYYYY|YYYYY|YYYY|YY`, else the single `Y` falls to `.`.
    private static func yearLength(_ units: [UInt16], at position: Int) -> Int {
        let count = run(units, of: ascii("Y"), from: position, max: 6)
        return count == 3 ? 2 : count
    }

    /// `y{2,4}`, then `yo?`.
    private static func eraYearLength(_ units: [UInt16], at position: Int) -> Int {
        let count = run(units, of: ascii("y"), from: position, max: 4)
        if count >= 2 { return count }
        return unit(units, position + 1) == ascii("o") ? 2 : 1
    }

    /// `gg(ggg?)?` / `GG(GGG?)?`: 2, 4 or 5 letters; a single letter falls to `.`.
    private static func weekYearLength(_ units: [UInt16], at position: Int, letter: UInt16) -> Int {
        let count = run(units, of: letter, from: position, max: 5)
        return count == 3 ? 2 : count
    }

    private static func ascii(_ character: Character) -> UInt16 {
        UInt16(character.asciiValue ?? 0)
    }

    private static func unit(_ units: [UInt16], _ index: Int) -> UInt16? {
        index < units.count ? units[index] : nil
    }

    /// Number of consecutive `value` units from `position`, at most `max`.
    private static func run(_ units: [UInt16], of value: UInt16, from position: Int, max: Int) -> Int {
        var count = 0
        while count < max, position + count < units.count, units[position + count] == value {
            count += 1
        }
        return count
    }
}
