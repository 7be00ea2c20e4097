import Foundation

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
            ("branch", function { _ throws(HandlebarsError) in .string(scope.stripped(prefix: "refs/heads/")) }),
            ("tag", function { _ throws(HandlebarsError) in .string(scope.stripped(prefix: "refs/tags/")) }),
            ("sha", function { _ throws(HandlebarsError) in .string(try scope.shortSHA()) }),
            ("base_ref", function { _ throws(HandlebarsError) in scope.baseRef() }),
            ("commit_date", function { args throws(HandlebarsError) in try DateExpression.render(scope.context.commitDate, arguments: args, zones: scope.zones) }),
            ("is_default_branch", function { _ throws(HandlebarsError) in .string(try scope.isDefaultBranch() ? "true" : "false") }),
            ("is_not_default_branch", function { _ throws(HandlebarsError) in .string(try scope.isDefaultBranch() ? "false" : "true") }),
            ("date", function { args throws(HandlebarsError) in try DateExpression.render(scope.settings.now, arguments: args, zones: scope.zones) }),
        ]))
    }

    private func function(_ body: @escaping @Sendable (HelperArguments) throws(HandlebarsError) -> HandlebarsValue) -> HandlebarsValue {
        .function(HandlebarsFunction { _, params, hash throws(HandlebarsError) in
            try body(HelperArguments(params: params, hash: hash))
        })
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
}
