/// A rejected input: names the input, quotes the value, says how to fix it.
///
/// `description` reads `Input `NAME`: "VALUE" REASON. FIX`, with the value escaped
/// JSON-style (`\"`, `\\`, `\n`, `\t`, `\uXXXX` for other control characters) so the
/// message always stays on one line. For secret inputs `value` is `***`.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input's name as written in `action.yml`, like `platforms`.
    public let input: String
    /// The offending value (one entry or line of the input), or `***` for secrets.
    public let value: String
    /// What is wrong, phrased to follow the quoted value, without a final period.
    public let reason: String
    /// How to fix it: one or more full sentences.
    public let fix: String

    /// The placeholder shown instead of a secret value.
    public static let maskedValue = "***"

    /// Creates an error; `reason` follows the quoted value, `fix` is a full sentence.
    public init(input: String, value: String, reason: String, fix: String) {
        self.input = input
        self.value = value
        self.reason = reason
        self.fix = fix
    }

    /// Creates an error for a secret input: the value is always `***`.
    public static func secret(input: String, reason: String, fix: String) -> InputError {
        InputError(input: input, value: maskedValue, reason: reason, fix: fix)
    }

    /// The full one-line message, e.g. `Input `push`: "yes" is not a boolean. Use true or false.`
    public var description: String {
        "Input `\(input)`: \(InputError.quoted(value)) \(reason). \(fix)"
    }

    /// Quotes `text` with JSON-style escapes for quotes, backslashes and control characters.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            out += escaped(scalar)
        }
        return out + "\""
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            let v = scalar.value
            let isControl = v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
            return isControl ? "\\u" + hex4(v) : String(scalar)
        }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
