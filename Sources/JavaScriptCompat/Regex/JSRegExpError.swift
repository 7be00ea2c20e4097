/// A SyntaxError raised while compiling a JSRegExp; `message` is V8's text exactly.
public struct JSRegExpError: Error, Equatable, Sendable {
    /// The SyntaxError message, e.g. `Invalid regular expression: /a(/: Unterminated group`.
    public let message: String

    /// Wraps a complete message.
    public init(message: String) { self.message = message }
}

/// The pattern-level reasons V8 gives (the text after `/source/flags: `).
enum RegExpSyntaxIssue: String, Error, Sendable {
    case stackOverflow = "Stack overflow"
    case unterminatedGroup = "Unterminated group"
    case unmatchedParen = "Unmatched ')'"
    case escapeAtEndOfPattern = "\\ at end of pattern"
    case invalidPropertyName = "Invalid property name"
    case invalidEscape = "Invalid escape"
    case invalidDecimalEscape = "Invalid decimal escape"
    case invalidUnicodeEscape = "Invalid Unicode escape"
    case nothingToRepeat = "Nothing to repeat"
    case loneQuantifierBrackets = "Lone quantifier brackets"
    case rangeOutOfOrder = "numbers out of order in {} quantifier"
    case incompleteQuantifier = "Incomplete quantifier"
    case invalidQuantifier = "Invalid quantifier"
    case invalidGroup = "Invalid group"
    case tooManyCaptures = "Too many captures"
    case invalidCaptureGroupName = "Invalid capture group name"
    case duplicateCaptureGroupName = "Duplicate capture group name"
    case invalidNamedReference = "Invalid named reference"
    case invalidNamedCaptureReference = "Invalid named capture referenced"
    case invalidClassEscape = "Invalid class escape"
    case invalidClassPropertyName = "Invalid property name in character class"
    case invalidCharacterClass = "Invalid character class"
    case unterminatedCharacterClass = "Unterminated character class"
    case outOfOrderCharacterClass = "Range out of order in character class"
    case invalidClassSetOperation = "Invalid set operation in character class"
    case invalidCharacterInClass = "Invalid character in character class"
    case negatedClassWithStrings = "Negated character class may contain strings"
}
