/// JavaScript property semantics used by Handlebars lookups (own properties only, as with
/// the default prototype-access restrictions of Handlebars 4.6+).
enum ObjectModel {
    /// `container.lookupProperty(parent, name)` for a non-null parent.
    static func lookupProperty(_ parent: HandlebarsValue, _ name: String) -> HandlebarsValue {
        switch parent {
        case .object(let o):
            return o[name] ?? .undefined
        case .array(let items):
            if name == "length" { return .number(Double(items.count)) }
            if let i = HandlebarsObject.arrayIndex(name), Int(i) < items.count { return items[Int(i)] }
            return .undefined
        case .string(let s):
            let u = Array(s.utf16)
            if name == "length" { return .number(Double(u.count)) }
            if let i = HandlebarsObject.arrayIndex(name), Int(i) < u.count {
                return .string(String(decoding: [u[Int(i)]], as: UTF16.self))
            }
            return .undefined
        case .function(let f):
            switch name {
            case "length": return .number(Double(f.arity))
            case "name": return .string(f.name)
            case "prototype": return .object(HandlebarsObject())
            default: return .undefined
            }
        default:
            return .undefined
        }
    }

    /// JavaScript ToPropertyKey for a value used as a property name.
    static func propertyKey(_ v: HandlebarsValue) -> String {
        v.jsString
    }

    /// `extend({}, ...sources)`: own enumerable properties of each source, in order.
    static func extend(_ sources: [HandlebarsValue]) -> HandlebarsObject {
        var pairs: [(String, HandlebarsValue)] = []
        for s in sources {
            switch s {
            case .object(let o): pairs += o.pairs
            case .array(let a): pairs += a.enumerated().map { (String($0.offset), $0.element) }
            case .string(let str):
                pairs += Array(str.utf16).enumerated().map { (String($0.offset), .string(String(decoding: [$0.element], as: UTF16.self))) }
            default: break
            }
        }
        return HandlebarsObject(pairs)
    }

    /// Handlebars' `isEmpty`.
    static func isEmpty(_ v: HandlebarsValue) -> Bool {
        if !v.isTruthy {
            if case .number(let d) = v, d == 0 { return false }
            return true
        }
        if case .array(let a) = v, a.isEmpty { return true }
        return false
    }
}
