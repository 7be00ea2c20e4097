import Foundation
import Testing

/// One row of the scenario table: a behaviour the README promises, the world it runs in
/// (registry faults, earlier jobs), the job, and what must come out.
struct Scenario: Sendable, CustomTestStringConvertible {
    /// Kebab-case; also the golden summary's file name.
    let name: String
    /// The README's promise this row checks.
    let promise: String
    var faults: [String: [RegistryFault]] = [:]
    /// Jobs that run first against the same registries and workspace (an earlier release, the
    /// platform jobs before a merge); each must succeed.
    var before: [ScenarioJob] = []
    /// Issues open in the repository before the job runs (title, labels).
    var openIssues: [String] = []
    let job: ScenarioJob
    let expect: Expectation
    /// Where the code disagrees with the README: the documented behaviour, checked inside
    /// `withKnownIssue` (the rest of the row pins what the code does today).
    var knownIssue: KnownIssue?

    var testDescription: String { name }
}

/// A documented behaviour the code does not have yet.
struct KnownIssue: Sendable {
    /// What the README promises and what happens instead.
    let comment: String
    /// The documented behaviour.
    let check: @Sendable (ScenarioOutcome) throws -> Void
}

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

/// What a row's checks can look at: the world after the job, the job's result, the results of
/// the earlier jobs, and the registry requests the job made.
struct ScenarioOutcome {
    let world: ScenarioWorld
    let result: JobResult
    let earlier: [JobResult]
    let requests: [InMemoryRegistry.Request]
}
