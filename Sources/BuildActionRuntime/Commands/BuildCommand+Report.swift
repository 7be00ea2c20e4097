import BuildActionCore
import DockerMetadata
import Foundation
import JavaScriptCompat

/// The report: failed image names printed with their hints, the digest file of mode: platform,
/// the outputs and the step summary.
extension BuildCommand {
    /// Prints each failed image name (a warning with `continueOnError` while another one was
    /// published, else an error) with its hint: whether the step succeeds, and the errors printed.
    func reportFailures(_ publications: [Publication], continueOnError: Bool) -> (succeeded: Bool, errors: [String]) {
        let failed = publications.filter { !$0.isPushed }
        let tolerated = continueOnError && failed.count < publications.count
        var errors: [String] = []
        for publication in failed {
            let message = "Publishing \(publication.target.name) failed: \(publication.error ?? "unknown error")"
            if tolerated {
                commands.warning(message)
            } else {
                commands.error(message)
                errors.append(message)
            }
            if let hint = publication.hint { commands.notice(hint) }
        }
        return (failed.isEmpty || tolerated, errors)
    }

    /// The step summary of a run that got to its report.
    func writeSummary(_ summary: StepSummary) throws {
        guard let path = runnerEnvironment.summaryFile else { return }
        try FileCommands.append(summary.markdown, to: path)
    }

    /// Prints the failures, writes the digest file (mode: platform), the outputs and the summary;
    /// whether the step succeeds, and the errors it printed.
    func report(_ outcome: Outcome, plan: JobPlan, inputs: BuildActionInputs, metadata: MetadataCommand, computed: (MetadataInputs, MetadataResult),
                log: OperationLog) throws(ActionError) -> (succeeded: Bool, errors: [String]) {
        let publications = outcome.publications
        var digestFile: String?
        if inputs.mode == .platform && publications.contains(where: \.isPushed) {
            digestFile = try during(.report) { try writeDigestFile(platform: outcome.platforms[0], digest: outcome.digest, publications: publications, inputs: inputs) }
        }
        let (succeeded, errors) = reportFailures(publications, continueOnError: inputs.continueOnRegistryError)
        try during(.report) {
            try metadata.write(computed, extra: [
                ("digest", outcome.digest), ("metadata", String(decoding: outcome.buildMetadata, as: UTF8.self)),
                ("pushed", publications.contains(where: \.isPushed) ? "true" : "false"),
                ("registries", JSONText.object(publications.map { ($0.target.name, $0.json(tags: plan.tagNames)) }).compact),
                ("log-file", Self.logFile), ("digest-file", digestFile ?? ""),
            ])
        }
        if inputs.summary {
            let images = plan.targets.map { target in
                let publication = publications.first { $0.target.name == target.name }
                let status = publication.map { $0.isPushed ? StepSummary.Image.Outcome.pushed : .failed(message: $0.error ?? "", hint: $0.hint) }
                return StepSummary.Image(name: target.name, reference: target.reference, outcome: status, attestations: publication?.attestations ?? false)
            }
            let summary = StepSummary(decision: plan.decision.reason, images: images, tags: plan.tagNames, platforms: inputs.platforms.description,
                                      digest: outcome.digest, sizes: outcome.sizes, skippedLogins: plan.skippedLogins, phases: log.phaseDurations)
            try during(.report) { try writeSummary(summary) }
        }
        return (succeeded, errors)
    }
}
