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

/// What a row's checks can look at: the world after the job, the job's result, the results of
/// the earlier jobs, and the registry requests the job made.
struct ScenarioOutcome {
    let world: ScenarioWorld
    let result: JobResult
    let earlier: [JobResult]
    let requests: [InMemoryRegistry.Request]
}
