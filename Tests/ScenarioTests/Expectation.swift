import Foundation

/// What a row expects. Every field that is set is checked exactly; nil means "not this row's
/// concern" (the invariants every row checks are in `MainStepScenarios.checkInvariants`).
struct Expectation: Sendable {
    /// The registries output's entry for an image name.
    struct Publication: Sendable, Equatable {
        let status: String
        let attestations: Bool
        /// A piece of the error message of a failed one.
        var error: String?

        static let pushed = Publication(status: "pushed", attestations: true)
        static let pushedWithoutAttestations = Publication(status: "pushed", attestations: false)
        /// Failed; `attestations` is what it would have got (false when it never got that far).
        static func failed(_ error: String, attestations: Bool = false) -> Publication { Publication(status: "failed", attestations: attestations, error: error) }
    }

    var status: Int32 = 0
    /// Outputs with their exact values.
    var outputs: [String: String] = [:]
    /// Image name → its `registries` entry (all entries, exactly these names).
    var publications: [String: Publication]?
    /// Image name → the tags its registry holds afterwards (exactly); each must resolve to the
    /// digest the `registries` output reports for that image.
    var registryTags: [String: Set<String>] = [:]
    /// The `::error::` lines, exactly and in order.
    var errors: [String]? = []
    /// Lines that must appear (whole lines, e.g. a `::warning::` or `::notice::`).
    var lines: [String] = []
    /// Lines that must appear, by prefix.
    var linePrefixes: [String] = []
    /// The log as `phase status [registry]` (see `JobResult.phases`).
    var phases: [String]?
    /// How many retries the log records.
    var retries: Int?
    /// No registry received a write (POST, PUT, PATCH) during the job.
    var nothingWritten = false
    /// The step summary matches Fixtures/scenarios/<name>.md (false: no summary at all).
    var summary = true
    /// Row-specific checks.
    var check: (@Sendable (ScenarioOutcome) throws -> Void)?
}
