/// A csv-parse `CsvError`: `message` is the library's error message verbatim (what
/// metadata-action reports as the run's error).
public struct CSVParseError: Error, Equatable, Sendable {
    /// The error message, e.g. `Quote Not Closed: the parsing is finished with an opening quote at line 1`.
    public let message: String

    /// An error with the given message.
    public init(message: String) {
        self.message = message
    }
}
