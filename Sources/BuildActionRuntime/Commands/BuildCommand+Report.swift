import BuildActionCore
import DockerMetadata
import Foundation
import JavaScriptCompat

/// The report: the digest file of mode: platform, then everything `JobReport` renders (the
/// failures printed with their hints, the outputs and the step summary).
extension BuildCommand {
    /// Writes the digest file (mode: platform), gathers the `JobReport`, prints its failures and
    /// writes its outputs and summary; whether the step succeeds, and the errors it printed.
    func report(_ outcome: Outcome, plan: JobPlan, inputs: BuildActionInputs, metadata: MetadataCommand, computed: (MetadataInputs, MetadataResult),
                log: OperationLog) throws(ActionError) -> (succeeded: Bool, errors: [String]) {
        let publications = outcome.publications
        var digestFile: String?
        // with bake-files the file names each image name's digest; its own digest is the first target's
        if inputs.mode == .platform && publications.contains(where: \.isPushed), let digest = outcome.digest ?? outcome.targetDigests.first?.digest {
            digestFile = try during(.report) { try writeDigestFile(platform: outcome.platforms[0], digest: digest, publications: publications, inputs: inputs) }
        }
        let images = plan.targets.map { target in
            publications.first { $0.target.name == target.name }?.reported()
                ?? JobReport.Image(name: target.name, reference: target.reference, status: nil, digest: nil, attestations: false)
        }
        var report = JobReport(decision: plan.decision.reason, images: images, tags: plan.tagNames, platforms: inputs.platforms.description,
                               digest: outcome.digest, buildMetadata: String(decoding: outcome.buildMetadata, as: UTF8.self), sizes: outcome.sizes,
                               skippedLogins: plan.skippedLogins, phases: log.phaseDurations, logFile: logFile, digestFile: digestFile,
                               continueOnError: inputs.continueOnRegistryError)
        report.targetDigests = outcome.targetDigests
        for failure in report.failures {
            failure.tolerated ? commands.warning(failure.message) : commands.error(failure.message)
            if let hint = failure.hint { commands.notice(hint) }
        }
        try during(.report) { try metadata.write(computed, extra: report.outputs) }
        if inputs.summary, let path = runnerEnvironment.summaryFile {
            try during(.report) { try FileCommands.append(report.summary.markdown, to: path) }
        }
        return (report.succeeded, report.errors)
    }
}
