/// Text that `JSON.parse` would reject.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What the decoder said about the text.
    public let detail: String

    /// An error with the decoder's `detail`.
    public init(detail: String) {
        self.detail = detail
    }

    /// The message, worded like node's `SyntaxError` from `JSON.parse`.
    public var message: String { "Unexpected token in JSON: \(detail)" }

    /// The message.
    public var description: String { message }
}
