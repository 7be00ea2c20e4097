/// What a helper call produced.
public struct MomentHelperOutput: Sendable, Equatable {
    /// The text the helper returns (before Handlebars HTML escaping).
    public let text: String
    /// Lines moment-timezone wrote with `console.error` (stderr), e.g. for an unknown zone.
    public let consoleErrors: [String]

    /// Creates an output.
    public init(text: String, consoleErrors: [String]) {
        self.text = text
        self.consoleErrors = consoleErrors
    }
}
