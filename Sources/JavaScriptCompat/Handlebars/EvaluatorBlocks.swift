/// Block statements, built-in helpers and partials.
extension Evaluator {
    /// A BlockStatement (helper / simple / ambiguous block).
    func evalBlock(_ b: BlockNode, _ frame: Frame) throws(HandlebarsError) -> HandlebarsValue {
        let p = transformLiteral(b.path)
        let hasArgs = !b.params.isEmpty || b.hash != nil
        switch classify(p, hasArgs: hasArgs, frame) {
        case .helper:
            return try invokeHelper(p, params: b.params, hash: b.hash, fn: b.program, inverse: b.inverse, frame)
        case .simple:
            let value = try lambda(evalPath(p, frame, falsy: false), frame.context)
            let options = try makeOptions(name: p.original, hash: [], fn: b.program, inverse: b.inverse, frame)
            return try blockHelperMissing(this: frame.context, [value], blockOptions(options))
        case .ambiguous:
            let (value, found) = try invokeAmbiguous(p, fn: b.program, inverse: b.inverse, frame)
            if found { return value }
            let options = try makeOptions(name: "", hash: [], fn: b.program, inverse: b.inverse, frame)
            return try blockHelperMissing(this: frame.context, [value], blockOptions(options))
        }
    }

    /// Blocks always carry fn/inverse (`container.noop` when absent).
    private func blockOptions(_ o: HelperOptions) -> HelperOptions {
        var o = o
        o.isBlock = true
        return o
    }

    // MARK: built-in helpers

    func callBuiltin(_ name: String, this: HandlebarsValue, _ params: [HandlebarsValue],
                     _ options: HelperOptions) throws(HandlebarsError) -> HandlebarsValue {
        switch name {
        case "if": return try ifHelper(this: this, params, options, negate: false)
        case "unless": return try ifHelper(this: this, params, options, negate: true)
        case "with": return try withHelper(this: this, params, options)
        case "each": return try eachHelper(this: this, params, options)
        case "lookup": return try lookupHelper(params)
        case "log": return .undefined
        case "helperMissingHook":
            if params.isEmpty { return .undefined }
            throw HandlebarsError.runtime("Missing helper: \"\(options.name)\"")
        default:
            // helperMissing / blockHelperMissing were moved to hooks: `helpers[name]` is undefined.
            throw HandlebarsError.runtime("Cannot read properties of undefined (reading 'call')")
        }
    }

    /// Calls `options.fn` / `options.inverse`, reproducing the TypeError when it is absent.
    private func call(_ ref: ProgramRef?, isBlock: Bool, missing: String, _ context: HandlebarsValue,
                      data: HandlebarsValue? = nil, blockParams: [HandlebarsValue]? = nil) throws(HandlebarsError) -> HandlebarsValue {
        guard isBlock else { throw HandlebarsError.runtime("\(missing) is not a function") }
        return .string(try invoke(ref, context, data: data, blockParams: blockParams))
    }

    private func ifHelper(this: HandlebarsValue, _ params: [HandlebarsValue], _ o: HelperOptions,
                          negate: Bool) throws(HandlebarsError) -> HandlebarsValue {
        guard params.count == 1 else {
            throw HandlebarsError.runtime(negate ? "#unless requires exactly one argument" : "#if requires exactly one argument")
        }
        var conditional = params[0]
        if case .function(let f) = conditional {
            conditional = try f.invoke(HandlebarsCall(this: this, params: [], hash: [], options: nil))
        }
        let includeZero = (o.hash["includeZero"] ?? .undefined).isTruthy
        let falsy = (!includeZero && !conditional.isTruthy) || ObjectModel.isEmpty(conditional)
        let (fn, inv) = negate ? (o.inverse, o.fn) : (o.fn, o.inverse)
        if falsy { return try call(inv, isBlock: o.isBlock, missing: "r.inverse", this) }
        return try call(fn, isBlock: o.isBlock, missing: "r.fn", this)
    }

    private func withHelper(this: HandlebarsValue, _ params: [HandlebarsValue],
                            _ o: HelperOptions) throws(HandlebarsError) -> HandlebarsValue {
        guard params.count == 1 else { throw HandlebarsError.runtime("#with requires exactly one argument") }
        var context = params[0]
        if case .function(let f) = context {
            context = try f.invoke(HandlebarsCall(this: this, params: [], hash: [], options: nil))
        }
        if ObjectModel.isEmpty(context) { return try call(o.inverse, isBlock: o.isBlock, missing: "r.inverse", this) }
        return try call(o.fn, isBlock: o.isBlock, missing: "n", context, data: o.data, blockParams: [context])
    }

    private func eachHelper(this: HandlebarsValue, _ params: [HandlebarsValue],
                            _ o: HelperOptions) throws(HandlebarsError) -> HandlebarsValue {
        guard !params.isEmpty else { throw HandlebarsError.runtime("Must pass iterator to #each") }
        var context = params[0]
        if params.count >= 2 && !params[1].isTruthy { throw HandlebarsError.runtime("Must pass iterator to #each") }
        let isBlock = o.isBlock && params.count == 1
        if case .function(let f) = context {
            context = try f.invoke(HandlebarsCall(this: this, params: [], hash: [], options: nil))
        }
        var items: [(key: HandlebarsValue, value: HandlebarsValue)] = []
        switch context {
        case .array(let a): items = a.enumerated().map { (.number(Double($0.offset)), $0.element) }
        case .object(let obj): items = obj.pairs.map { (.string($0.0), $0.1) }
        case .function: items = []
        default: items = []
        }
        if items.isEmpty {
            return try call(o.inverse, isBlock: isBlock, missing: "o", this)
        }
        let parentData = params.count == 1 ? o.data : .undefined
        var out = ""
        for (i, item) in items.enumerated() {
            var data: HandlebarsValue?
            if parentData.isTruthy {
                var pairs: [(String, HandlebarsValue)] = []
                if case .object(let pd) = parentData { pairs = pd.pairs }
                pairs += [("_parent", parentData), ("key", item.key), ("index", .number(Double(i))),
                          ("first", .bool(i == 0)), ("last", .bool(i == items.count - 1))]
                data = .object(HandlebarsObject(pairs))
            }
            let v = try call(o.fn, isBlock: isBlock, missing: "n", item.value, data: data, blockParams: [item.value, item.key])
            out += v.jsString
        }
        return .string(out)
    }

    private func lookupHelper(_ params: [HandlebarsValue]) throws(HandlebarsError) -> HandlebarsValue {
        let noOptions = "Cannot read properties of undefined (reading 'lookupProperty')"
        guard let obj = params.first else { throw HandlebarsError.runtime(noOptions) }
        if !obj.isTruthy { return obj }
        guard params.count >= 2 else { throw HandlebarsError.runtime(noOptions) }
        if params.count >= 3 {
            switch params[2] {
            case .undefined: throw HandlebarsError.runtime(noOptions)
            case .null: throw HandlebarsError.runtime("Cannot read properties of null (reading 'lookupProperty')")
            default: throw HandlebarsError.runtime("n.lookupProperty is not a function")
            }
        }
        return ObjectModel.lookupProperty(obj, ObjectModel.propertyKey(params[1]))
    }

    /// The `blockHelperMissing` hook: `(context, options)` with `this`.
    func blockHelperMissing(this: HandlebarsValue, _ params: [HandlebarsValue],
                            _ o: HelperOptions) throws(HandlebarsError) -> HandlebarsValue {
        let context = params[0]
        let isBlock = o.isBlock && params.count == 1
        if case .bool(true) = context { return try call(o.fn, isBlock: isBlock, missing: "o", this) }
        if case .bool(false) = context { return try call(o.inverse, isBlock: isBlock, missing: "n", this) }
        if context.isNullish { return try call(o.inverse, isBlock: isBlock, missing: "n", this) }
        if case .array(let a) = context {
            if a.isEmpty { return try call(o.inverse, isBlock: isBlock, missing: "n", this) }
            var eo = o
            eo.isBlock = isBlock
            return try eachHelper(this: context, [context], eo)
        }
        return try call(o.fn, isBlock: isBlock, missing: "o", context)
    }

    // MARK: partials

    func evalPartial(_ p: PartialNode, _ frame: Frame) throws(HandlebarsError) -> String {
        if p.params.count > 1 {
            throw HandlebarsError.runtime("Unsupported number of partial arguments: \(p.params.count)" + p.loc.suffix)
        }
        var isDynamic = false
        var dynamicValue: HandlebarsValue = .undefined
        if case .sub(let s) = p.name {
            isDynamic = true
            dynamicValue = try evalSexpr(path: s.path, params: s.params, hash: s.hash, frame, isMustache: false)
        }
        var context = try p.params.first.map { (e: Expr) throws(HandlebarsError) -> HandlebarsValue in try evalParam(e, frame) }
            ?? frame.context
        let hash = p.hash == nil ? nil : try evalHash(p.hash, frame)
        let fn = try p.program.map { (pr: Program) throws(HandlebarsError) -> ProgramRef in try makeProgram(pr, frame) }
        if let hash { context = .object(ObjectModel.extend([context, .object(hash)])) }
        var name = p.name.originalText
        var partial: ProgramRef??
        if isDynamic {
            if case .function = dynamicValue {
                throw HandlebarsError.runtime("dynamic function partials are not supported")
            }
            if dynamicValue.isTruthy {
                name = dynamicValue.jsString
                partial = partials[name]
            } else {
                name = "undefined"
                partial = partials[name]
            }
        } else {
            partial = partials[name]
        }
        var resolved: ProgramRef?
        if let found = partial { resolved = found }
        if resolved == nil, let fn { resolved = fn }
        guard let resolved else { throw HandlebarsError.runtime("The partial \(name) could not be found") }
        var result = try invoke(resolved, context, data: frame.data)
        if !p.indent.isEmpty {
            var lines = result.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for i in lines.indices {
                if lines[i].isEmpty && i + 1 == lines.count { break }
                lines[i] = p.indent + lines[i]
            }
            result = lines.joined(separator: "\n")
        }
        return result
    }
}
