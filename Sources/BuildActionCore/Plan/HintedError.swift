import DockerMetadata
/// An error whose message can be followed by a hint that says how to fix it: whoever prints
/// the error prints `description` as `::error::` (or `::warning::`), then the hint as
/// `::notice::`.
public protocol HintedError: Error, CustomStringConvertible {
    /// How to fix it, as one or more full sentences; nil when there is nothing to add.
    var hint: String? { get }
}

extension MetadataError: HintedError {}
