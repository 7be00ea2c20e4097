/// The per-invocation state of a program (Handlebars' depth0 / data / depths / blockParams).
struct Frame {
    var context: HandlebarsValue
    var data: HandlebarsValue
    var depths: [HandlebarsValue]
    var blockParams: [(names: [String]?, values: [HandlebarsValue]?)]
}

/// A compiled-program closure (`options.fn` / `options.inverse`): a program plus the frame it was created in.
struct ProgramRef {
    var program: Program
    var outer: Frame
    var partials: [String: ProgramRef?]
}

/// The options object passed to helpers.
struct HelperOptions {
    var name: String
    var hash: HandlebarsObject
    var fn: ProgramRef?
    var inverse: ProgramRef?
    var data: HandlebarsValue
    var isBlock: Bool
}

/// Renders a processed Handlebars AST against a context, following the semantics of the code
/// Handlebars' JavaScriptCompiler generates (non-strict, prototype access restricted).
final class Evaluator {
    /// `container.nullContext`.
    static let nullContext = HandlebarsObject()
    static let knownHelpers: Set<String> = ["helperMissing", "blockHelperMissing", "each", "if", "unless", "with", "log", "lookup"]

    var partials: [String: ProgramRef?] = [:]

    /// Renders the root program (`template(context)`).
    func render(_ program: Program, _ context: HandlebarsValue) throws(HandlebarsError) -> String {
        let data = HandlebarsValue.object(HandlebarsObject([("root", context)]))
        let frame = Frame(context: context, data: data, depths: [context], blockParams: [])
        let ref = try makeProgram(program, frame)
        return try runBody(ref, frame)
    }

    // MARK: programs

    /// `container.program(...)`: creates the closure and runs the program's decorators.
    func makeProgram(_ program: Program, _ outer: Frame) throws(HandlebarsError) -> ProgramRef {
        var ref = ProgramRef(program: program, outer: outer, partials: [:])
        for statement in program.body {
            switch statement {
            case .mustache(let m) where m.isDecorator:
                try runDecorator(&ref, path: m.path, params: m.params, hash: m.hash, program: nil)
            case .block(let b) where b.isDecorator:
                try runDecorator(&ref, path: b.path, params: b.params, hash: b.hash, program: b.program)
            default:
                break
            }
        }
        return ref
    }

    private func runDecorator(_ ref: inout ProgramRef, path: Expr, params: [Expr], hash: [(String, Expr)]?,
                              program: Program?) throws(HandlebarsError) {
        let name = transformLiteral(path).original
        let decoFrame = Frame(context: ref.outer.depths.first ?? .undefined, data: ref.outer.data, depths: ref.outer.depths,
                              blockParams: ref.outer.blockParams)
        let values = try params.map { (p: Expr) throws(HandlebarsError) -> HandlebarsValue in try evalParam(p, decoFrame) }
        _ = try evalHash(hash, decoFrame)
        guard name == "inline" else {
            throw HandlebarsError.runtime("Missing decorator: \"\(name)\"")
        }
        let fn = try program.map { (p: Program) throws(HandlebarsError) -> ProgramRef in try makeProgram(p, decoFrame) }
        let key = ObjectModel.propertyKey(values.first ?? .undefined)
        ref.partials[key] = .some(fn)
    }

    /// Invokes a program closure: `prog(context, {data, blockParams})`.
    func invoke(_ ref: ProgramRef?, _ context: HandlebarsValue, data: HandlebarsValue? = nil,
                blockParams: [HandlebarsValue]? = nil) throws(HandlebarsError) -> String {
        guard let ref else { return "" }
        var depths = ref.outer.depths
        let first = depths.first ?? .undefined
        var isNullContext = false
        if case .object(let o) = context, o.storage === Evaluator.nullContext.storage, case .null = first { isNullContext = true }
        if !context.looselyEquals(first) && !isNullContext {
            depths = [context] + depths
        }
        let frame = Frame(context: context, data: data ?? ref.outer.data, depths: depths,
                          blockParams: [(ref.program.blockParams, blockParams)] + ref.outer.blockParams)
        return try runBody(ref, frame)
    }

    private func runBody(_ ref: ProgramRef, _ frame: Frame) throws(HandlebarsError) -> String {
        let saved = partials
        if !ref.partials.isEmpty {
            for (k, v) in ref.partials { partials[k] = v }
        }
        defer { partials = saved }
        var out = ""
        for statement in ref.program.body {
            out += try execute(statement, frame)
        }
        return out
    }

    // MARK: statements

    private func execute(_ statement: Statement, _ frame: Frame) throws(HandlebarsError) -> String {
        switch statement {
        case .content(let c): return c.value
        case .comment: return ""
        case .mustache(let m):
            if m.isDecorator { return "" }
            let value = try evalSexpr(path: m.path, params: m.params, hash: m.hash, frame, isMustache: true)
            return m.escaped ? value.escaped : Evaluator.appendText(value)
        case .block(let b):
            if b.isDecorator { return "" }
            return Evaluator.appendText(try evalBlock(b, frame))
        case .partial(let p):
            return try evalPartial(p, frame)
        }
    }

    /// `buffer += value` with null/undefined skipped.
    static func appendText(_ v: HandlebarsValue) -> String {
        v.isNullish ? "" : v.jsString
    }

    // MARK: classification

    /// transformLiteralToPath.
    func transformLiteral(_ e: Expr) -> PathExpr {
        if case .path(let p) = e { return p }
        let text = e.literalOriginal ?? ""
        return PathExpr(data: false, depth: 0, parts: [text], original: text, loc: e.loc)
    }

    static func isScoped(_ p: PathExpr) -> Bool {
        let u = Array(p.original.utf16)
        if u.first == 0x2E { return true }
        let t = Array("this".utf16)
        guard u.count >= 4 else { return false }
        for i in 0...(u.count - 4) where Array(u[i..<(i + 4)]) == t {
            if i + 4 == u.count || !JSChar.isWord(u[i + 4]) { return true }
        }
        return false
    }

    static func isSimple(_ p: PathExpr) -> Bool {
        p.parts.count == 1 && !isScoped(p) && p.depth == 0
    }

    func isBlockParam(_ name: String, _ frame: Frame) -> Bool {
        frame.blockParams.contains { $0.names?.contains(name) ?? false }
    }

    enum Kind { case helper, ambiguous, simple }

    func classify(_ p: PathExpr, hasArgs: Bool, _ frame: Frame) -> Kind {
        let simple = Evaluator.isSimple(p)
        let blockParam = simple && isBlockParam(p.parts[0], frame)
        var isHelper = !blockParam && hasArgs
        let eligible = !blockParam && (isHelper || simple)
        if eligible && !isHelper && Evaluator.knownHelpers.contains(p.parts[0]) { isHelper = true }
        if isHelper { return .helper }
        return eligible ? .ambiguous : .simple
    }
}
