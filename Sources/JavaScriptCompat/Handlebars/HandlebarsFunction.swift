/// The arguments of one JavaScript call of a context function.
public struct HandlebarsCall: Sendable {
    /// The `this` value of the call.
    public let this: HandlebarsValue
    /// Positional parameters (without the trailing options object).
    public let params: [HandlebarsValue]
    /// The hash arguments (`key=value`), in JavaScript `Object.keys(options.hash)` order.
    public let hash: [(String, HandlebarsValue)]
    /// The Handlebars options object (`name`, `hash`, `data`, `loc`), or nil when the function was
    /// called with no arguments at all (a "lambda" call such as `{{this.fn}}` or `{{#if fn}}`).
    public let options: HandlebarsValue?

    /// The JavaScript `arguments` list: params followed by the options object (when present).
    public var arguments: [HandlebarsValue] {
        if let options { return params + [options] }
        return params
    }

    /// A call with its receiver, parameters, hash and options object (see the properties).
    public init(this: HandlebarsValue, params: [HandlebarsValue], hash: [(String, HandlebarsValue)], options: HandlebarsValue?) {
        self.this = this
        self.params = params
        self.hash = hash
        self.options = options
    }
}

/// A JS function value: receives `this`, positional params and the hash (ordered), returns a value or throws `HandlebarsError.runtime(message)`.
public struct HandlebarsFunction: Sendable {
    /// Object identity of the function (for loose equality).
    final class Identity: Sendable {}

    let body: @Sendable (HandlebarsCall) throws(HandlebarsError) -> HandlebarsValue
    let identity = Identity()
    /// The function's `name` own property.
    public let name: String
    /// The function's `length` own property (declared parameter count).
    public let arity: Int

    /// Creates a function from a body taking `this`, params and hash.
    public init(_ body: @escaping @Sendable (_ this: HandlebarsValue, _ params: [HandlebarsValue], _ hash: [(String, HandlebarsValue)]) throws(HandlebarsError) -> HandlebarsValue) {
        self.init(name: "", arity: 0, source: nil) { (call: HandlebarsCall) throws(HandlebarsError) -> HandlebarsValue in
            try body(call.this, call.params, call.hash)
        }
    }

    /// Creates a function with a name, arity and optional source text (what `String(fn)` yields in JavaScript)
    /// from a body that sees the whole call (including the raw options object).
    public init(name: String, arity: Int, source: String? = nil,
                call body: @escaping @Sendable (HandlebarsCall) throws(HandlebarsError) -> HandlebarsValue) {
        self.body = body
        self.name = name
        self.arity = arity
        self.source = source
    }

    /// Invokes the function.
    public func invoke(_ call: HandlebarsCall) throws(HandlebarsError) -> HandlebarsValue {
        try body(call)
    }

    /// The source text `String(fn)` yields, when known.
    public let source: String?

    /// `Function.prototype.toString()` (the given source, else a placeholder).
    var sourceText: String { source ?? "function \(name)() { [native code] }" }
}

/// Errors: parse errors carry Handlebars' exact message; runtime errors carry the thrown message.
public enum HandlebarsError: Error, Equatable, Sendable {
    /// A lexer/parser/AST error raised while compiling.
    case parse(String)
    /// An error thrown while rendering (by Handlebars or by a context function).
    case runtime(String)

    /// The error message.
    public var message: String {
        switch self {
        case .parse(let m), .runtime(let m): return m
        }
    }
}
