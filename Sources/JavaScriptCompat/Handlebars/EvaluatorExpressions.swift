/// Expression evaluation: paths, parameters, hashes, helper calls.
extension Evaluator {
    /// Resolves the remaining `parts` on `start` (`falsy`: `a && b` chaining, else `a != null ? b : a`).
    func resolve(_ start: HandlebarsValue, _ parts: ArraySlice<String>, falsy: Bool) -> HandlebarsValue {
        var current = start
        for part in parts {
            if falsy {
                if !current.isTruthy { return current }
            } else if current.isNullish {
                return current
            }
            current = ObjectModel.lookupProperty(current, part)
        }
        return current
    }

    /// Evaluates a path expression as the compiled PathExpression opcode would.
    func evalPath(_ p: PathExpr, _ frame: Frame, falsy: Bool) -> HandlebarsValue {
        if p.depth == 0 && !Evaluator.isScoped(p), let name = p.parts.first {
            for level in frame.blockParams {
                if let idx = level.names?.firstIndex(of: name) {
                    let base = (level.values?.count ?? 0) > idx ? level.values?[idx] ?? .undefined : .undefined
                    return resolve(base, p.parts.dropFirst(), falsy: false)
                }
            }
        }
        let base = p.depth == 0 ? frame.context : (p.depth < frame.depths.count ? frame.depths[p.depth] : .undefined)
        guard !p.parts.isEmpty else { return base }
        if p.data {
            var d = frame.data
            var n = p.depth
            while d.isTruthy && n > 0 {
                d = ObjectModel.lookupProperty(d, "_parent")
                n -= 1
            }
            return resolve(d, p.parts[...], falsy: true)
        }
        return resolve(base, p.parts[...], falsy: falsy)
    }

    /// A parameter / hash value.
    func evalParam(_ e: Expr, _ frame: Frame) throws(HandlebarsError) -> HandlebarsValue {
        switch e {
        case .path(let p): return evalPath(p, frame, falsy: false)
        case .sub(let s): return try evalSexpr(path: s.path, params: s.params, hash: s.hash, frame, isMustache: false)
        case .string(let s, _): return .string(s)
        case .number(let d, _): return .number(d)
        case .bool(let b, _): return .bool(b)
        case .undefined: return .undefined
        case .null: return .null
        }
    }

    /// Builds the hash object like the compiled code: pairs assigned last-to-first, values evaluated in key order.
    func evalHash(_ pairs: [(String, Expr)]?, _ frame: Frame) throws(HandlebarsError) -> HandlebarsObject {
        guard let pairs else { return HandlebarsObject() }
        var order: [String] = []
        var chosen: [String: Expr] = [:]
        for (k, e) in pairs.reversed() {
            if chosen[k] == nil { order.append(k) }
            chosen[k] = e
        }
        var out: [(String, HandlebarsValue)] = []
        for k in order {
            if let e = chosen[k] { out.append((k, try evalParam(e, frame))) }
        }
        return HandlebarsObject(out)
    }

    /// `depth0 != null ? depth0 : container.nullContext`.
    func callContext(_ frame: Frame) -> HandlebarsValue {
        frame.context.isNullish ? .object(Evaluator.nullContext) : frame.context
    }

    /// Evaluates a mustache or subexpression (SubExpression opcode path).
    func evalSexpr(path: Expr, params: [Expr], hash: [(String, Expr)]?, _ frame: Frame,
                   isMustache: Bool) throws(HandlebarsError) -> HandlebarsValue {
        let p = transformLiteral(path)
        let hasArgs = !isMustache || !params.isEmpty || hash != nil
        switch classify(p, hasArgs: hasArgs, frame) {
        case .simple:
            let v = evalPath(p, frame, falsy: false)
            return try lambda(v, frame.context)
        case .helper:
            return try invokeHelper(p, params: params, hash: hash, fn: nil, inverse: nil, frame)
        case .ambiguous:
            return try invokeAmbiguous(p, fn: nil, inverse: nil, frame).0
        }
    }

    /// `container.lambda(value, depth0)`.
    func lambda(_ v: HandlebarsValue, _ this: HandlebarsValue) throws(HandlebarsError) -> HandlebarsValue {
        guard case .function(let f) = v else { return v }
        return try f.invoke(HandlebarsCall(this: this, params: [], hash: [], options: nil))
    }

    /// helperSexpr + invokeKnownHelper / invokeHelper.
    func invokeHelper(_ p: PathExpr, params: [Expr], hash: [(String, Expr)]?, fn: Program?, inverse: Program?,
                      _ frame: Frame) throws(HandlebarsError) -> HandlebarsValue {
        let name = p.parts.first ?? ""
        if Evaluator.knownHelpers.contains(name) {
            let values = try params.map { (e: Expr) throws(HandlebarsError) -> HandlebarsValue in try evalParam(e, frame) }
            let options = try makeOptions(name: name, hash: hash, fn: fn, inverse: inverse, frame)
            return try callBuiltin(name, this: callContext(frame), values, options)
        }
        let helperIsBuiltin = Evaluator.isSimple(p) && Evaluator.knownHelpers.contains(p.original)
        let nonHelper = evalPath(p, frame, falsy: true)
        let values = try params.map { (e: Expr) throws(HandlebarsError) -> HandlebarsValue in try evalParam(e, frame) }
        let options = try makeOptions(name: p.original, hash: hash, fn: fn, inverse: inverse, frame)
        if helperIsBuiltin {
            return try callBuiltin(p.original, this: callContext(frame), values, options)
        }
        if nonHelper.isTruthy {
            guard case .function(let f) = nonHelper else {
                throw HandlebarsError.runtime(Evaluator.notCallableMessage(p, simple: Evaluator.isSimple(p)))
            }
            return try f.invoke(HandlebarsCall(this: callContext(frame), params: values, hash: options.hash.pairs,
                                               options: optionsValue(options)))
        }
        return try callBuiltin("helperMissingHook", this: callContext(frame), values, options)
    }

    /// V8's message for calling a non-function found by `(helpers.x || depth0.x || helperMissing).call(...)`:
    /// V8 prints the callee of the generated code.
    static func notCallableMessage(_ p: PathExpr, simple: Bool) -> String {
        var items: [String] = []
        if simple { items.append("lookupProperty(...)") }
        var expr: String
        if p.data {
            expr = p.depth == 0 ? "data" : "container.data(...)"
        } else {
            expr = p.depth == 0 ? "depth0" : "depths[\(p.depth)]"
        }
        for (i, _) in p.parts.enumerated() {
            expr = i == 0 ? "(\(expr) && lookupProperty(...))" : "((stack1 = \(expr)) && lookupProperty(...))"
        }
        items.append(expr)
        items.append("container.hooks.helperMissing")
        return "(" + items.joined(separator: " || ") + ").call is not a function"
    }

    /// invokeAmbiguous: returns the value and whether a registered helper was found.
    func invokeAmbiguous(_ p: PathExpr, fn: Program?, inverse: Program?,
                         _ frame: Frame) throws(HandlebarsError) -> (HandlebarsValue, Bool) {
        let name = p.parts.first ?? ""
        let isHelper = Evaluator.knownHelpers.contains(name)
        let nonHelper = evalPath(p, frame, falsy: false)
        let options = try makeOptions(name: name, hash: [], fn: fn, inverse: inverse, frame)
        if isHelper {
            return (try callBuiltin(name, this: callContext(frame), [], options), true)
        }
        if nonHelper.isNullish {
            return (try callBuiltin("helperMissingHook", this: callContext(frame), [], options), false)
        }
        guard case .function(let f) = nonHelper else { return (nonHelper, false) }
        let v = try f.invoke(HandlebarsCall(this: callContext(frame), params: [], hash: [], options: optionsValue(options)))
        return (v, false)
    }

    func makeOptions(name: String, hash: [(String, Expr)]?, fn: Program?, inverse: Program?,
                     _ frame: Frame) throws(HandlebarsError) -> HelperOptions {
        let h = try evalHash(hash, frame)
        let isBlock = fn != nil || inverse != nil
        let f = try fn.map { (p: Program) throws(HandlebarsError) -> ProgramRef in try makeProgram(p, frame) }
        let i = try inverse.map { (p: Program) throws(HandlebarsError) -> ProgramRef in try makeProgram(p, frame) }
        return HelperOptions(name: name, hash: h, fn: f, inverse: i, data: frame.data, isBlock: isBlock)
    }

    /// The options object as a JavaScript value handed to context functions.
    func optionsValue(_ o: HelperOptions) -> HandlebarsValue {
        .object(HandlebarsObject([("name", .string(o.name)), ("hash", .object(o.hash)), ("data", o.data)]))
    }
}
