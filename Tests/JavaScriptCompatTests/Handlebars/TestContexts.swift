import Foundation
@testable import JavaScriptCompat

/// Contexts shaped like the ones metadata-action passes to Handlebars (fixture environment:
/// push to refs/heads/main, default branch main, sha 3f7c9a1..., SOURCE_DATE_EPOCH=1700000000).
enum TestContexts {
    static func constant(_ name: String, _ value: String) -> (String, HandlebarsValue) {
        (name, .function(HandlebarsFunction(name: name, arity: 0) { _ in .string(value) }))
    }

    /// moment-style `date(format, options)` stub supporting the formats used in the fixtures.
    static func dateFunction(_ name: String, source: String? = nil) -> (String, HandlebarsValue) {
        (name, .function(HandlebarsFunction(name: name, arity: 2, source: source) { (call: HandlebarsCall) throws(HandlebarsError) -> HandlebarsValue in
            let args = call.arguments
            let format = args.first ?? .undefined
            let options = args.count > 1 ? args[1] : .undefined
            guard !options.isNullish else {
                throw HandlebarsError.runtime("Cannot read properties of \(options.jsString) (reading 'hash')")
            }
            guard case .object(let o) = options, case .object(let hash)? = o["hash"] else {
                throw HandlebarsError.runtime("Cannot convert undefined or null to object")
            }
            for key in hash.keys where key != "tz" {
                throw HandlebarsError.runtime("Unknown \(key) attribute")
            }
            if let tz = hash["tz"], case .function = tz {
                throw HandlebarsError.runtime("Time zone name must be a string, got \(tz.jsString) [function]")
            }
            if case .string("YYYY") = format { return .string("2023") }
            return .string("UNSUPPORTED")
        }))
    }

    static func metadataAction() -> HandlebarsValue {
        let isNot = HandlebarsFunction(name: "is_not_default_branch", arity: 0) { (call: HandlebarsCall) throws(HandlebarsError) -> HandlebarsValue in
            guard case .object(let this) = call.this, case .function(let f)? = this["is_default_branch"] else {
                throw HandlebarsError.runtime("this.is_default_branch is not a function")
            }
            let r = try f.invoke(HandlebarsCall(this: call.this, params: [], hash: [], options: nil))
            if case .string("false") = r { return .string("true") }
            return .string("false")
        }
        let branch = HandlebarsFunction(name: "branch", arity: 0) { _ in .string("main") }
        return .object(HandlebarsObject([
            ("branch", .function(branch)), constant("tag", ""), ("sha", .function(HandlebarsFunction(name: "sha", arity: 0) { _ in .string("3f7c9a1") })), constant("base_ref", ""),
            dateFunction("commit_date"), constant("is_default_branch", "true"),
            ("is_not_default_branch", .function(isNot)), dateFunction("date")
        ]))
    }

    /// A node-semver `SemVer` parsed with `{loose: true}`.
    static func semver(_ raw: String) -> HandlebarsValue {
        var core = raw.hasPrefix("v") ? String(raw.dropFirst()) : raw
        var build: [HandlebarsValue] = []
        if let plus = core.firstIndex(of: "+") {
            build = core[core.index(after: plus)...].split(separator: ".").map { .string(String($0)) }
            core = String(core[..<plus])
        }
        var pre: [HandlebarsValue] = []
        if let dash = core.firstIndex(of: "-") {
            pre = core[core.index(after: dash)...].split(separator: ".").map { s in
                if let n = Double(s), s.allSatisfy(\.isNumber) { return .number(n) }
                return .string(String(s))
            }
            core = String(core[..<dash])
        }
        let nums = core.split(separator: ".").map { Double($0) ?? 0 }
        var version = core
        if !pre.isEmpty { version += "-" + HandlebarsValue.array(pre).jsString.replacingOccurrences(of: ",", with: ".") }
        return .object(HandlebarsObject([
            ("options", .object(HandlebarsObject([("loose", .bool(true))]))), ("loose", .bool(true)),
            ("includePrerelease", .bool(false)), ("raw", .string(raw)), ("major", .number(nums[0])),
            ("minor", .number(nums[1])), ("patch", .number(nums[2])), ("prerelease", .array(pre)),
            ("build", .array(build)), ("version", .string(version))
        ]))
    }

    /// metadata-action's tag sanitizing: /[^a-zA-Z0-9._-]+/g → '-'.
    static func sanitizeTag(_ s: String) -> String {
        var out = ""
        var inBad = false
        for ch in s.unicodeScalars {
            let ok = (ch.value < 128) && (CharacterSet.alphanumerics.contains(ch) || ch == "." || ch == "_" || ch == "-")
            if ok {
                out.unicodeScalars.append(ch)
                inBad = false
            } else if !inBad {
                out += "-"
                inBad = true
            }
        }
        return out
    }
}
