/// A failure of the metadata step. `message` is docker/metadata-action's own text for the same
/// failure (so that workflows and the conformance kit see identical errors); `hint` is ours and
/// says how to fix it (printed as a following `::notice::`).
import JavaScriptCompat

public struct MetadataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The error text exactly as docker/metadata-action v6 words it.
    public let message: String
    /// A short extra explanation of the fix, or nil.
    public let hint: String?

    /// An error with metadata-action's `message` and an optional hint.
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    /// The message.
    public var description: String { message }

    /// The event payload or an API answer is not JSON.
    public static func invalidJSON(_ error: JSONSyntaxError) -> MetadataError {
        MetadataError(error.message, hint: "The file at GITHUB_EVENT_PATH must hold the webhook event as JSON.")
    }
}
