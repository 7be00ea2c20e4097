/// A value a Handlebars template hands to the `date` / `commit_date` helpers, as far as
/// their behaviour can tell values apart.
public enum MomentHelperValue: Sendable, Equatable {
    /// A string literal or string-valued expression.
    case string(String)
    /// A number literal.
    case number(Double)
    /// `true` / `false`.
    case boolean(Bool)
    /// `null`.
    case null
    /// `undefined` (also a path that resolves to nothing).
    case undefined
    /// Any object (for example the context `this`); JavaScript prints it as `[object Object]`.
    case object

    /// JavaScript truthiness.
    var isTruthy: Bool {
        switch self {
        case .string(let text): return !text.isEmpty
        case .number(let value): return value != 0 && !value.isNaN
        case .boolean(let value): return value
        case .null, .undefined: return false
        case .object: return true
        }
    }

    /// `String(value) + " [" + typeof value + "]"` as used in moment-timezone's type error.
    var describedWithType: String {
        switch self {
        case .string(let text): return "\(text) [string]"
        case .number(let value): return "\(JavaScriptNumber.string(value)) [number]"
        case .boolean(let value): return "\(value) [boolean]"
        case .null: return "null [object]"
        case .undefined: return "undefined [undefined]"
        case .object: return "[object Object] [object]"
        }
    }
}
