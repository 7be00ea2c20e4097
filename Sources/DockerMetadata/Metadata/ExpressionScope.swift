import Foundation
import JavaScriptCompat

/// The values metadata-action offers to `{{...}}` expressions in tag values, prefixes, suffixes,
/// labels and annotations: `branch`, `tag`, `sha`, `base_ref`, `is_default_branch`,
/// `is_not_default_branch`, `date` and `commit_date` (src/meta.ts `setGlobalExp`).
struct ExpressionScope: Sendable {
    let context: GitHubContext
    let settings: MetadataSettings
    let zones: any ZoneDatabase

    /// Renders `template` (Handlebars, HTML-escaped like metadata-action's output).
    func evaluate(_ template: String) throws(MetadataError) -> String {
        try Self.render(template, with: value)
    }

    /// Compiles and renders a template against `value`, mapping Handlebars failures to
    /// metadata-action's messages.
    static func render(_ template: String, with value: HandlebarsValue) throws(MetadataError) -> String {
        do {
            return try HandlebarsTemplate(template).render(value)
        } catch {
            switch error {
            case .parse(let message):
                throw MetadataError(message, hint: "Check the {{...}} expression in \"\(template)\": expressions are Handlebars, like {{branch}} or {{date 'YYYYMMDD'}}.")
            case .runtime(let message):
                throw MetadataError(message, hint: "The expression \"\(template)\" failed while it was evaluated.")
            }
        }
    }

    /// The context object, every member a function as in metadata-action.
    var value: HandlebarsValue {
        let scope = self
        return .object(HandlebarsObject([
            function("branch") { _ throws(HandlebarsError) in .string(scope.stripped(prefix: "refs/heads/")) },
            function("tag") { _ throws(HandlebarsError) in .string(scope.stripped(prefix: "refs/tags/")) },
            function("sha") { _ throws(HandlebarsError) in .string(try scope.shortSHA()) },
            function("base_ref") { _ throws(HandlebarsError) in scope.baseRef() },
            ("commit_date", Self.dateHelper("commit_date", date: scope.context.commitDate, zones: scope.zones)),
            function("is_default_branch") { _ throws(HandlebarsError) in .string(try scope.isDefaultBranch() ? "true" : "false") },
            function("is_not_default_branch") { call throws(HandlebarsError) in
                // `this.is_default_branch()`: looked up on the receiver, as in metadata-action.
                guard case .object(let receiver) = call.this, case .function(let isDefault)? = receiver["is_default_branch"] else {
                    throw .runtime("this.is_default_branch is not a function")
                }
                let answer = try isDefault.invoke(HandlebarsCall(this: call.this, params: [], hash: [], options: nil))
                if case .string("false") = answer { return .string("true") }
                return .string("false")
            },
            ("date", Self.dateHelper("date", date: scope.settings.now, zones: scope.zones)),
        ]))
    }

    /// metadata-action's `date`/`commit_date(format, options)` helper over `date`.
    static func dateHelper(_ name: String, date: Date?, zones: any ZoneDatabase) -> HandlebarsValue {
        .function(HandlebarsFunction(name: name, arity: 2) { call throws(HandlebarsError) in
            try DateExpression.render(date, arguments: HelperArguments(call), zones: zones)
        })
    }

    private func function(_ name: String, arity: Int = 0, _ body: @escaping @Sendable (HandlebarsCall) throws(HandlebarsError) -> HandlebarsValue) -> (String, HandlebarsValue) {
        (name, .function(HandlebarsFunction(name: name, arity: arity, call: body)))
    }

    /// The ref without `prefix` when it has it, else empty.
    func stripped(prefix: String) -> String {
        guard let ref = context.ref, ref.hasPrefix(prefix) else { return "" }
        return String(ref.dropFirst(prefix.count))
    }

    private func shortSHA() throws(HandlebarsError) -> String {
        do {
            return try settings.shortSHA(context.sha)
        } catch {
            throw .runtime(error.message)
        }
    }

    /// `base_ref`: the branch a tag was pushed from, or a pull request's base branch.
    func baseRef() -> HandlebarsValue {
        let ref = context.ref ?? ""
        if ref.hasPrefix("refs/tags/"), let base = context.payload["base_ref"], base.isDefined {
            let text = base.javaScriptString
            return .string(text.hasPrefix("refs/heads/") ? String(text.dropFirst("refs/heads/".count)) : text)
        }
        if ref.hasPrefix("refs/pull/"), let base = context.payload["pull_request"]?["base"]?["ref"], base.isDefined {
            return HandlebarsValue(json: base)
        }
        return .string("")
    }

    /// `is_default_branch`: the ref's branch is the payload's default branch, or the event
    /// always runs on the default branch (create, discussion, issues, schedule).
    func isDefaultBranch() throws(HandlebarsError) -> Bool {
        guard let ref = context.ref else {
            throw .runtime("Cannot read properties of undefined (reading 'replace')")
        }
        let branch = ref.hasPrefix("refs/heads/") ? String(ref.dropFirst("refs/heads/".count)) : ref
        if branch.isEmpty { return false }
        if let defaultBranch = context.payload["repository"]?["default_branch"], defaultBranch.isDefined,
            defaultBranch.javaScriptString == branch
        {
            return true
        }
        let event = context.eventName
        return ["create", "discussion", "issues", "schedule"].contains { event.contains($0) }
    }
}

/// The arguments a Handlebars helper receives: positional parameters and the hash.
struct HelperArguments: Sendable {
    let params: [HandlebarsValue]
    let hash: [(String, HandlebarsValue)]

    /// The arguments of a call; a call without the options object (`{{this.date}}`) has none.
    init(_ call: HandlebarsCall) {
        params = call.params
        hash = call.hash
    }
}
