/// A JavaScript error the helpers throw; `message` is the exact text metadata-action reports.
public struct MomentHelperError: Error, Equatable, Sendable {
    /// The error message.
    public let message: String

    /// Creates an error with `message`.
    public init(message: String) {
        self.message = message
    }
}
