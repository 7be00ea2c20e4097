/// The inputs of docker/metadata-action, read from the runner's `INPUT_<NAME>` variables with
/// `@actions/core`'s rules (trimmed; lists parsed as CSV lines with `#` comments).
import JavaScriptCompat

public struct MetadataInputs: Sendable, Equatable {
    /// `context`: where the ref and commit come from (`workflow` or `git`), unvalidated.
    public var contextSource: String
    /// `images`, one entry per line.
    public var images: [String]
    /// `tags`, one rule per line.
    public var tags: [String]
    /// `flavor`, one entry per line.
    public var flavor: [String]
    /// `labels`, one `key=value` per line.
    public var labels: [String]
    /// `annotations`, one `key=value` per line.
    public var annotations: [String]
    /// `sep-tags` (default newline, not trimmed).
    public var tagSeparator: String
    /// `sep-labels` (default newline, not trimmed).
    public var labelSeparator: String
    /// `sep-annotations` (default newline, not trimmed).
    public var annotationSeparator: String
    /// `bake-target` (default `docker-metadata-action`).
    public var bakeTarget: String
    /// `github-token`.
    public var githubToken: String

    /// Reads the inputs from an environment. `contextInput` names the input that selects the
    /// context source (`context` in the metadata action, `metadata-context` in the build action).
    public init(environment: [String: String], contextInput: String = "context") throws(MetadataError) {
        let reader = ActionInputReader(environment: environment)
        contextSource = reader.value(contextInput).nonEmpty ?? "workflow"
        images = try reader.list("images")
        tags = try reader.list("tags")
        flavor = try reader.list("flavor")
        labels = try reader.list("labels")
        annotations = try reader.list("annotations")
        tagSeparator = reader.value("sep-tags", trimmed: false).nonEmpty ?? "\n"
        labelSeparator = reader.value("sep-labels", trimmed: false).nonEmpty ?? "\n"
        annotationSeparator = reader.value("sep-annotations", trimmed: false).nonEmpty ?? "\n"
        bakeTarget = reader.value("bake-target").nonEmpty ?? "docker-metadata-action"
        githubToken = reader.value("github-token")
    }
}

/// `@actions/core`'s `getInput` and docker/actions-toolkit's `getInputList` over an environment.
public struct ActionInputReader: Sendable {
    /// The process environment the runner gave the action.
    public let environment: [String: String]

    /// A reader of `environment`.
    public init(environment: [String: String]) { self.environment = environment }

    /// The variable the runner sets for input `name`: `INPUT_` + upper-cased name, spaces as `_`.
    public static func variableName(_ name: String) -> String {
        "INPUT_" + name.replacingOccurrences(of: " ", with: "_").uppercased()
    }

    /// `core.getInput(name)`: the value, trimmed unless `trimmed` is false; empty when unset.
    public func value(_ name: String, trimmed: Bool = true) -> String {
        let raw = environment[Self.variableName(name)] ?? ""
        return trimmed ? JavaScriptNumber.trimJavaScriptWhitespace(raw) : raw
    }

    /// `Util.getInputList(name, {ignoreComma: true, comment: '#', commentNoInfix: true})`.
    public func list(_ name: String) throws(MetadataError) -> [String] {
        let text = value(name)
        if text.isEmpty { return [] }
        do {
            return try CSVListParser.inputList(text)
        } catch {
            throw MetadataError(error.message, hint: "Check the quoting of the `\(name)` input: one entry per line, quote a field that holds a comma.")
        }
    }
}

extension String {
    /// nil for the empty string (JavaScript's `value || fallback`).
    public var nonEmpty: String? { isEmpty ? nil : self }
}
