import BuildActionCore
import DockerMetadata
import Foundation
import JavaScriptCompat
import OCIRegistry
import SocketHTTP

/// `openkf-build` with no subcommand: the whole job in one step. Computes tags with the
/// metadata engine, logs in to every registry that has credentials (passwords on stdin, a
/// private docker config), builds every platform once with buildx into an OCI layout, pushes
/// it to every image name at once with retries unless the event is a pull request, verifies
/// what each registry serves, writes the outputs and the summary, and notifies on failure.
public struct BuildCommand: Sendable {
    /// The step's environment (inputs as `INPUT_*`, the runner's variables).
    let environment: [String: String]
    /// Where workflow commands and output lines go.
    let commands: WorkflowCommands
    /// Starts docker and git.
    let runner: any ProcessRunner
    /// The run's clock reading.
    let now: Date
    /// Stands in for a missing GITHUB_WORKSPACE.
    let workingDirectory: String

    /// Carries every HTTP request (registries, token services, the GitHub API, webhooks)
    /// instead of the runner's network, when given.
    let transport: (any HTTPTransport)?

    /// The runner's environment, read once.
    let runnerEnvironment: RunnerEnvironment

    /// Which repository of each registry holds which blob, across every push of the run.
    let blobLedger = BlobLedger()

    /// A command over the given effects; `transport`, when given, replaces the runner's
    /// network (proxies from the environment) for every request.
    public init(environment: [String: String], commands: WorkflowCommands, runner: any ProcessRunner, now: Date, workingDirectory: String,
                transport: (any HTTPTransport)? = nil) {
        self.environment = environment
        self.commands = commands
        self.runner = runner
        self.now = now
        self.workingDirectory = workingDirectory
        self.transport = transport
        runnerEnvironment = RunnerEnvironment(environment: environment, workingDirectory: workingDirectory)
    }

    /// One image name resolved to its registry.
    typealias Target = JobPlan.Target

    /// Runs the job; returns the exit status. A failed run notifies as the inputs ask.
    public func run() async -> Int32 {
        let inputs: BuildActionInputs
        do {
            inputs = try BuildActionInputs(environment: environment)
        } catch {
            commands.error(error.description)
            return 1
        }
        let token = inputs.githubToken
        (inputs.secretValues + [token]).forEach(commands.mask)
        do {
            try ProxySettings(environment: environment).secrets.forEach(commands.mask)
        } catch {
            commands.error(error.description)
            return 1
        }
        let completion = await run(inputs)
        let log = completion.log
        if completion.status != 0, inputs.summary, !completion.errors.isEmpty, let path = runnerEnvironment.summaryFile {
            try? FileCommands.append(StepSummary.failure(phase: completion.phase, errors: completion.errors.map { log?.redact($0) ?? $0 }), to: path)
        }
        guard inputs.notifyIssue || inputs.webhook != nil else { return completion.status }
        guard inputs.notifyPullRequests || !PushDecision.isPullRequestEvent(runnerEnvironment.eventName) else {
            if completion.status != 0 { commands.notice("No notification on a \(runnerEnvironment.eventName) event: the pull request shows the failed check (notify-pull-requests: true to notify anyway).") }
            return completion.status
        }
        let notifier = Notifier(runner: runnerEnvironment, commands: commands,
                                log: log ?? (try? OperationLog(path: NSTemporaryDirectory() + "/openkf-build-notify.jsonl", secrets: inputs.secretValues)) ?? OperationLog.discarding,
                                transport: network(timeout: 20))
        let runURL = runnerEnvironment.runURL ?? "(run URL unavailable)"
        if completion.status == 0 {
            if inputs.notifyIssue { await notifier.succeeded(token: token, runURL: runURL) }
        } else {
            let report = FailureReport(
                repository: runnerEnvironment.repository, workflow: runnerEnvironment.workflow, refName: runnerEnvironment.refName,
                sha: runnerEnvironment.sha, runURL: runURL, phase: completion.phase.rawValue,
                registries: Array(Set((log?.failures ?? []).compactMap(\.registry))).sorted(), errors: completion.errors.map { log?.redact($0) ?? $0 })
            await notifier.failed(report, webhook: inputs.webhook, issue: inputs.notifyIssue, token: token)
        }
        return completion.status
    }

    /// How a run ended: its status, its log once it exists, the `::error::` messages it printed
    /// (what the failure summary and the notification quote) and the phase that failed.
    struct Completion {
        let status: Int32
        let log: OperationLog?
        let errors: [String]
        let phase: Phase

        /// A run that got to its report; `errors` are the publications' failures it printed.
        init(status: Int32, log: OperationLog, errors: [String]) {
            self.status = status
            self.log = log
            self.errors = errors
            phase = log.failures.last?.phase ?? .setup
        }

        /// A run stopped by `failure`.
        init(failure: ActionError, log: OperationLog?) {
            status = 1
            self.log = log
            errors = failure.messages
            phase = log?.failures.last?.phase ?? failure.phase
        }
    }

    /// The job after the inputs were read and masked. A step that cannot go on throws an
    /// `ActionError`; it is printed here, and only here.
    private func run(_ inputs: BuildActionInputs) async -> Completion {
        let secrets = inputs.secretValues + [inputs.githubToken]
        let kept = [runnerEnvironment.workspace, runnerEnvironment.home, runnerEnvironment.temp].compactMap { $0 }
        (inputs.logins.warnings + inputs.buildArgWarnings + inputs.modeWarnings + CacheMode.containerLocalWarnings(from: inputs.cacheFrom, to: inputs.cacheTo, kept: kept))
            .forEach(commands.warning)
        inputs.imageNotices.forEach(commands.notice)
        let metadata = MetadataCommand(environment: environment, commands: commands, runner: runner, now: now, workingDirectory: workingDirectory,
                                       contextInput: "metadata-context", transport: transport)
        var log: OperationLog?
        do {
            let (computed, sourceDateEpoch) = try await tags(metadata)
            do {
                log = try OperationLog(path: try logDirectory() + "/" + (logFile as NSString).lastPathComponent, secrets: secrets)
            } catch {
                throw Self.actionError(error)
            }
            let ending = try await build(inputs: inputs, metadata: metadata, computed: computed, sourceDateEpoch: sourceDateEpoch, log: log!)
            return Completion(status: ending.succeeded ? 0 : 1, log: log!, errors: ending.errors)
        } catch {
            let failure = Self.actionError(error)
            failure.messages.forEach(commands.error)
            if let hint = failure.hint { commands.notice(hint) }
            return Completion(failure: failure, log: log)
        }
    }

    /// Any error as an `ActionError` (a bad input is a setup failure; a hint is kept).
    static func actionError(_ error: any Error, phase: Phase = .setup) -> ActionError {
        switch error {
        case let error as ActionError: return error
        case let error as InputError: return ActionError(phase, error.description)
        case let error as any HintedError: return ActionError(phase, error.description, hint: error.hint)
        default: return ActionError(phase, String(describing: error))
        }
    }

    /// `body`, its failures reported as failures of `phase`.
    func during<Value>(_ phase: Phase, _ body: () throws -> Value) throws(ActionError) -> Value {
        do {
            return try body()
        } catch {
            throw Self.actionError(error, phase: phase)
        }
    }

    /// Tags, labels and annotations, with `created` and the build's SOURCE_DATE_EPOCH from the
    /// commit's time (unless SOURCE_DATE_EPOCH says otherwise), so that a re-run of a release
    /// builds the same platform manifests. The engine's warnings are printed when it fails.
    private func tags(_ metadata: MetadataCommand) async throws(ActionError) -> (computed: (MetadataInputs, MetadataResult), sourceDateEpoch: Int) {
        var warnings: [String] = []
        do {
            let (metadataInputs, result, context) = try await metadata.computeWithContext(warnings: &warnings, createdFromCommit: true)
            let buildTime = runnerEnvironment.sourceDateEpoch == nil ? context.commitDate ?? now : now
            return ((metadataInputs, result), Int(buildTime.timeIntervalSince1970))
        } catch {
            warnings.forEach(commands.warning)
            throw ActionError(.metadata, error.message, hint: error.hint)
        }
    }

    /// The JSON Lines log of this step, relative to the workspace (the `log-file` output).
    var logFile: String { runnerEnvironment.logFile }

    var workspace: String { runnerEnvironment.workspace }

    /// Where files the action writes may go: the workspace and RUNNER_TEMP, through no link.
    var files: WorkspaceFiles { WorkspaceFiles(workspace: workspace, environment: environment) }

    /// The log file's directory, created and resolved inside the workspace.
    func logDirectory() throws -> String {
        let directory = (logFile as NSString).deletingLastPathComponent
        do {
            return try files.directory(directory)
        } catch {
            throw ActionError(.setup, "The log directory \(directory) \(error.reason): a symbolic link in the repository leads out of the workspace. Remove \(directory) from the repository; the action writes its log there.")
        }
    }

    /// A client of `registry` through the runner's proxies (checked when the run starts).
    func registryClient(_ registry: String, login: RegistryCredentials?) -> RegistryClient {
        RegistryClient(registry: registry, login: login, transport: network(timeout: 30))
    }

    /// The injected `transport`, else a client through the runner's proxies with `timeout`.
    func network(timeout: TimeInterval) -> any HTTPTransport {
        transport ?? RunnerNetwork.lenientClient(environment, timeout: timeout)
    }

    /// What one run works with once the inputs, tags and logins are settled.
    struct Run: Sendable {
        let inputs: BuildActionInputs
        let result: MetadataResult
        /// The image names whose registry accepted the login.
        let targets: [Target]
        /// The tags to push (none in mode: platform).
        let tagNames: [String]
        let logins: [String: RegistryCredentials]
        let push: Bool
        let sourceDateEpoch: Int?
        let log: OperationLog

        /// The same run for some of its image names (one bake target's).
        func narrowed(to targets: [Target]) -> Run {
            Run(inputs: inputs, result: result, targets: targets, tagNames: tagNames, logins: logins, push: push, sourceDateEpoch: sourceDateEpoch, log: log)
        }
    }

    /// What the build (or the merge) produced.
    struct Outcome: Sendable {
        var publications: [Publication]
        var digest: Digest?
        var buildMetadata: Data
        var platforms: [String]
        /// Each platform image's compressed size, from the pushed manifests.
        var sizes: [(platform: String, bytes: Int)] = []
        /// With `bake-files`: each target's index digest.
        var targetDigests: [(target: String, digest: Digest)] = []
        /// With `bake-files`: the platforms each image name was built for.
        var expectedPlatforms: [String: [String]] = [:]
    }

    /// From the tags to the report: whether the step succeeds, and the publications' failures
    /// it printed. Throws an `ActionError` when the run cannot go on.
    private func build(inputs: BuildActionInputs, metadata: MetadataCommand, computed: (MetadataInputs, MetadataResult), sourceDateEpoch: Int?,
                       log: OperationLog) async throws -> (succeeded: Bool, errors: [String]) {
        var computed = computed
        var bake: BakeRun?
        if !inputs.bakeFiles.isEmpty {
            let definition = try await resolveBake(inputs)
            let images = try TargetImages(imageNames: computed.1.imageNames, targets: definition.publishedTargets, imagesInput: computed.0.images.joined(separator: "\n"))
            computed.1 = computed.1.replacingImageNames(images.allImages)
            bake = BakeRun(definition: definition, images: images)
            commands.notice("bake-files: \(images.groups.count) targets (\(images.groups.map(\.target).joined(separator: ", "))).")
        } else if computed.1.imageNames.contains(where: { $0.contains(TargetImages.placeholder) }) {
            throw TargetImages.placeholderWithoutBake(imagesInput: computed.0.images.joined(separator: "\n"))
        }
        let result = computed.1
        let plan = try JobPlan(inputs: inputs, result: result, images: computed.0.images, eventName: runnerEnvironment.eventName)
        let targets = plan.targets, decision = plan.decision, logins = plan.logins, tagNames = plan.tagNames
        commands.notice(decision.reason)
        if let refusal = plan.refusal { throw refusal }
        for registry in plan.skippedLogins {
            commands.notice("No credentials for \(registry): skipping its login (nothing is pushed on this event).")
        }
        let session = try DockerSession.open(home: runnerEnvironment.home ?? NSTemporaryDirectory(), runner: runner)
        let loggedIn = Array(logins.keys)
        return try await withCleanup {
            let loginFailures = try await loginAll(logins, targets: targets, session: session, inputs: inputs, pushing: decision.push, log: log)
            let run = Run(inputs: inputs, result: result, targets: targets.filter { loginFailures[$0.reference.registry] == nil }, tagNames: tagNames,
                          logins: logins, push: decision.push, sourceDateEpoch: sourceDateEpoch, log: log)
            var outcome: Outcome
            if inputs.mode == .merge {
                guard decision.push else {
                    commands.notice("mode: merge has nothing to do on this event: the platform jobs pushed nothing.")
                    return (true, [])
                }
                let merged = try await merge(targets: run.targets, tagNames: tagNames, result: result, inputs: inputs, logins: logins,
                                             perImageName: bake != nil, log: log)
                outcome = Outcome(publications: merged.0, digest: merged.1, buildMetadata: Data("{}".utf8), platforms: merged.2, sizes: merged.3)
                if let bake {
                    // each target's index: the one its first image name got
                    outcome.targetDigests = bake.images.groups.compactMap { group in
                        merged.0.first { group.images.contains($0.target.name) && $0.isPushed }?.digest.map { (group.target, $0) }
                    }
                    outcome.digest = bake.images.groups.count == 1 ? outcome.digest : nil
                }
            } else if let bake {
                outcome = try await bakeAndPublish(run, bake: bake, session: session)
            } else {
                outcome = try await buildAndPublish(run, session: session)
            }
            var publications = outcome.publications
            if decision.push {
                publications = sorted(publications + loginFailurePublications(loginFailures, targets: targets), like: targets)
                await verifyAll(&publications, references: tagNames, platforms: outcome.platforms, expectedPlatforms: outcome.expectedPlatforms, logins: logins,
                                retrying: retrying(inputs.retryPolicy, log: log), log: log)
            }
            outcome.publications = publications
            return try report(outcome, plan: plan, inputs: inputs, metadata: metadata, computed: computed, log: log)
        } cleanup: {
            await session.close(loggingOutOf: loggedIn)
        }
    }

    /// Whether buildx failed on a registry's transient answer (5xx, 429, a reset connection)
    /// rather than on the build itself. CNCF distribution, for one, answers 500 when two tags of
    /// one repository are written at once.
    static func isTransientPushFailure(_ output: String) -> Bool {
        let markers = ["500 Internal Server Error", "502 Bad Gateway", "503 Service Unavailable", "504 Gateway Timeout",
                       "429 Too Many Requests", "connection reset by peer", "i/o timeout", "TLS handshake timeout"]
        return markers.contains { output.contains($0) }
    }

    /// The last lines of a command's output, for error messages.
    static func lastLines(_ text: String, count: Int = 15) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
    }
}
