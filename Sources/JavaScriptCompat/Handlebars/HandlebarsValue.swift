/// A value in a Handlebars context, modelled on JavaScript values.
public indirect enum HandlebarsValue: Sendable {
    /// JavaScript `undefined`.
    case undefined
    /// JavaScript `null`.
    case null
    /// A boolean.
    case bool(Bool)
    /// A number (IEEE double, like JavaScript numbers).
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([HandlebarsValue])
    /// A plain object (own properties only).
    case object(HandlebarsObject)
    /// A function.
    case function(HandlebarsFunction)

    /// `value == null` in JavaScript (null or undefined).
    var isNullish: Bool {
        switch self {
        case .undefined, .null: return true
        default: return false
        }
    }

    /// JavaScript truthiness.
    var isTruthy: Bool {
        switch self {
        case .undefined, .null: return false
        case .bool(let b): return b
        case .number(let d): return !(d == 0 || d.isNaN)
        case .string(let s): return !s.isEmpty
        default: return true
        }
    }

    /// `typeof value === 'function'`.
    var isFunction: Bool {
        if case .function = self { return true }
        return false
    }

    /// JavaScript `String(value)` (ToString; functions render as a placeholder source text).
    var jsString: String {
        switch self {
        case .undefined: return "undefined"
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return JavaScriptNumber.string(d)
        case .string(let s): return s
        case .array(let items): return items.map { $0.isNullish ? "" : $0.jsString }.joined(separator: ",")
        case .object: return "[object Object]"
        case .function(let f): return f.sourceText
        }
    }

    /// Handlebars' `escapeExpression` applied to this value.
    var escaped: String {
        switch self {
        case .undefined, .null: return ""
        case .string(let s): return HandlebarsValue.escapeHTML(s)
        default: return HandlebarsValue.escapeHTML(jsString)
        }
    }

    /// Replaces & < > " ' ` = with their HTML entities, like Handlebars.
    static func escapeHTML(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { "&<>\"'`=".unicodeScalars.contains($0) }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#x27;"
            case "`": out += "&#x60;"
            case "=": out += "&#x3D;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// JavaScript loose equality (`==`) as used by Handlebars' depth tracking (objects by identity).
    func looselyEquals(_ other: HandlebarsValue) -> Bool {
        switch (self, other) {
        case (.undefined, .undefined), (.null, .null), (.undefined, .null), (.null, .undefined): return true
        case (.undefined, _), (.null, _), (_, .undefined), (_, .null): return false
        case (.object(let a), .object(let b)): return a.storage === b.storage
        case (.function(let a), .function(let b)): return a.identity === b.identity
        case (.array(let a), .array(let b)): return a.isEmpty && b.isEmpty && false
        case (.object, .array), (.array, .object): return false
        case (.function, _), (_, .function): return false
        case (.string(let a), .string(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        default:
            switch self {
            case .object, .array: return HandlebarsValue.string(jsString).looselyEquals(other)
            default: break
            }
            switch other {
            case .object, .array: return looselyEquals(.string(other.jsString))
            default: break
            }
            let x = toNumber, y = other.toNumber
            return x == y
        }
    }

    /// JavaScript ToNumber for primitives.
    var toNumber: Double {
        switch self {
        case .undefined: return .nan
        case .null: return 0
        case .bool(let b): return b ? 1 : 0
        case .number(let d): return d
        case .string(let s): return JavaScriptNumber.number(s)
        case .array(let a): return HandlebarsValue.string(HandlebarsValue.array(a).jsString).toNumber
        default: return .nan
        }
    }
}
