import BuildActionCore
import Foundation

/// `openkf-build` with no subcommand: the whole job in one step. Computes tags with the
/// metadata engine, logs in to every registry that has credentials (passwords on stdin, a
/// private docker config), builds every platform once with buildx into an OCI layout, pushes
/// it to every image name at once with retries unless the event is a pull request, verifies
/// what each registry serves, writes the outputs and the summary, and notifies on failure.
public struct BuildCommand: Sendable {
    let environment: [String: String]
    let commands: WorkflowCommands
    let runner: any ProcessRunner
    let now: Date
    let workingDirectory: String
    /// Carries every HTTP request (registries, token services, the GitHub API, webhooks)
    /// instead of the runner's network, when given.
    let transport: (any HTTPTransport)?
    /// The runner's environment, read once.
    let runnerEnvironment: RunnerEnvironment

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
        let token = ActionInputReader(environment: environment).value("github-token")
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
        let notifier = Notifier(environment: environment, commands: commands,
                                log: log ?? (try? OperationLog(path: NSTemporaryDirectory() + "/openkf-build-notify.jsonl", secrets: inputs.secretValues)) ?? OperationLog.discarding,
                                transport: network(timeout: 20))
        let runURL = FailureReport.runURL(environment: environment) ?? "(run URL unavailable)"
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
        let secrets = inputs.secretValues + [ActionInputReader(environment: environment).value("github-token")]
        (inputs.logins.warnings + inputs.buildArgWarnings).forEach(commands.warning)
        inputs.imageNotices.forEach(commands.notice)
        let metadata = MetadataCommand(environment: environment, commands: commands, runner: runner, now: now, workingDirectory: workingDirectory,
                                       contextInput: "metadata-context", transport: transport)
        var log: OperationLog?
        do {
            let (computed, sourceDateEpoch) = try await tags(metadata)
            do {
                log = try OperationLog(path: try logDirectory() + "/" + (Self.logFile as NSString).lastPathComponent, secrets: secrets)
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
            let (metadataInputs, result, context) = try await metadata.computeWithContext(warnings: &warnings)
            if runnerEnvironment.sourceDateEpoch == nil, let commitDate = context.commitDate, commitDate != now {
                return ((metadataInputs, result.replacingCreated(ISOTimestamp.string(now), with: ISOTimestamp.string(commitDate))), Int(commitDate.timeIntervalSince1970))
            }
            return ((metadataInputs, result), Int(now.timeIntervalSince1970))
        } catch {
            warnings.forEach(commands.warning)
            throw ActionError(.metadata, error.message, hint: error.hint)
        }
    }

    /// The JSON Lines log, relative to the workspace (the `log-file` output).
    public static let logFile = ".openkf-build/build-log.jsonl"

    var workspace: String { runnerEnvironment.workspace }

    /// Where files the action writes may go: the workspace and RUNNER_TEMP, through no link.
    var files: WorkspaceFiles { WorkspaceFiles(workspace: workspace, environment: environment) }

    /// The log file's directory, created and resolved inside the workspace.
    func logDirectory() throws -> String {
        let directory = (Self.logFile as NSString).deletingLastPathComponent
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

    /// From the tags to the report: whether the step succeeds, and the publications' failures
    /// it printed. Throws an `ActionError` when the run cannot go on.
    private func build(inputs: BuildActionInputs, metadata: MetadataCommand, computed: (MetadataInputs, MetadataResult), sourceDateEpoch: Int?,
                       log: OperationLog) async throws -> (succeeded: Bool, errors: [String]) {
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
                let merged = try await merge(targets: run.targets, tagNames: tagNames, result: result, inputs: inputs, logins: logins, log: log)
                outcome = Outcome(publications: merged.0, digest: merged.1, buildMetadata: Data("{}".utf8), platforms: merged.2, sizes: merged.3)
            } else {
                outcome = try await buildAndPublish(run, session: session)
            }
            var publications = outcome.publications
            let digest = outcome.digest, buildMetadata = outcome.buildMetadata, expectedPlatforms = outcome.platforms
            if decision.push {
                for target in targets where loginFailures[target.reference.registry] != nil {
                    let failure = loginFailures[target.reference.registry] ?? ""
                    publications.append(Publication(target: target, failure: failure,
                                                    hint: PublishFailureHint.hint(registry: target.reference.registry, status: LoginFailure.status(failure), message: failure)))
                }
                publications.sort { a, b in (targets.firstIndex { $0.name == a.target.name } ?? 0) < (targets.firstIndex { $0.name == b.target.name } ?? 0) }
                await verifyAll(&publications, references: tagNames, platforms: expectedPlatforms, logins: logins,
                                retrying: retrying(inputs.retryPolicy, log: log), log: log)
            }
            var digestFile: String?
            if inputs.mode == .platform && publications.contains(where: \.isPushed) {
                digestFile = try during(.report) { try writeDigestFile(platform: expectedPlatforms[0], digest: digest, publications: publications, inputs: inputs) }
            }
            let (succeeded, errors) = reportFailures(publications, continueOnError: inputs.continueOnRegistryError)
            let pushed = publications.contains(where: \.isPushed)
            try during(.report) { try metadata.write(computed, extra: [
                ("digest", digest), ("metadata", String(decoding: buildMetadata, as: UTF8.self)),
                ("pushed", pushed ? "true" : "false"),
                ("registries", JSONText.object(publications.map { ($0.target.name, $0.json(tags: tagNames)) }).compact),
                ("log-file", Self.logFile), ("digest-file", digestFile ?? ""),
            ]) }
            let sizes = outcome.sizes
            if inputs.summary {
                let images = targets.map { target in
                    let publication = publications.first { $0.target.name == target.name }
                    let outcome = publication.map { $0.isPushed ? StepSummary.Image.Outcome.pushed : .failed(message: $0.error ?? "", hint: $0.hint) }
                    return StepSummary.Image(name: target.name, reference: target.reference, outcome: outcome, attestations: publication?.attestations ?? false)
                }
                try during(.report) { try writeSummary(StepSummary(decision: decision.reason, images: images, tags: result.tagNames, platforms: inputs.platforms.description,
                                             digest: digest, sizes: sizes, skippedLogins: plan.skippedLogins, phases: log.phaseDurations)) }
            }
            return (succeeded, errors)
        } cleanup: {
            await session.close(loggingOutOf: loggedIn)
        }
    }

    /// `docker login` (password on stdin), again on transient failures; the failure message, or nil.
    func login(_ credential: RegistryCredentials, registry: String, session: DockerSession, policy: RetryPolicy, log: OperationLog) async throws -> String? {
        let result = try await Retrying(policy: policy).run(command: "docker login", isTransient: { result in
            let output = Self.lastLines(result.standardError, count: 3)
            return Self.isTransientPushFailure(output) || output.contains("connection refused")
        }, announce: { retry in
            let output = Self.lastLines(retry.failure.standardError, count: 3)
            commands.warning("Login to \(registry) failed (\(output)); retrying in \(String(format: "%.1f", retry.delay)) s (attempt \(retry.attempt + 1) of \(retry.attempts)).")
        }) { attempt in
            let started = Date()
            let result = try await session.login(credential, host: registry)
            log.record(phase: .login, operation: "docker login", started: started, status: result.status,
                       command: Command("docker", ["login", "--username", credential.username, "--password-stdin", registry]), registry: registry,
                       detail: attempt > 1 ? "attempt \(attempt)" : nil)
            return result
        }
        guard result.status == 0 else { return "Login to \(registry) as \(credential.username) failed: \(Self.lastLines(result.standardError, count: 3))" }
        commands.info("Logged in to \(registry) as \(credential.username)")
        return nil
    }

    /// The default `qemu-image`, pinned by digest (see `BuildActionInputs.defaultQEMUImage`).
    public static let defaultQEMUImage = BuildActionInputs.defaultQEMUImage

    /// Finds out for real which requested platforms run (a privileged `qemu-image` container
    /// executes a program for each) and registers the missing emulators with `--install`. A
    /// handler registered without the F flag runs on the host but not in containers: it is
    /// replaced (`--uninstall` then `--install`) when a plain install does not help.
    func ensureEmulation(_ platforms: PlatformList, image: String, session: DockerSession, log: OperationLog) async throws {
        func status(_ extra: [String], operation: String) async throws -> EmulationStatus {
            let started = Date()
            let arguments = ["run", "--rm", "--privileged", image] + extra
            let result = try await session.run(arguments)
            log.record(phase: .emulation, operation: operation, started: started, status: result.status, command: Command("docker", arguments))
            guard result.status == 0, let parsed = EmulationStatus(output: result.standardOutput) else {
                throw ActionError(.emulation, "The emulation probe (docker run --privileged \(image)) failed: \(Self.lastLines(result.standardError + result.standardOutput, count: 5)). Check the qemu-image input and that the engine allows privileged containers.")
            }
            return parsed
        }
        var current = try await status([], operation: "probe")
        var missing = current.missing(platforms)
        if missing.isEmpty {
            commands.info("Emulation: \(platforms.description) all run (\(current.supported.joined(separator: ", ")))")
            return
        }
        let install = EmulationStatus.installArgument(missing)
        commands.notice("Registering QEMU emulation for \(missing.map(\.description).joined(separator: ", ")) with \(image)")
        current = try await status(["--install", install], operation: "install \(install)")
        missing = current.missing(platforms)
        if !missing.isEmpty {
            let again = EmulationStatus.installArgument(missing)
            current = try await status(["--uninstall", again, "--install", again], operation: "reinstall \(again)")
            missing = current.missing(platforms)
        }
        guard missing.isEmpty else {
            log.record(phase: .emulation, operation: "check \(missing.map(\.description).joined(separator: ","))", started: Date(), status: 1,
                       detail: "still missing after install and reinstall; the emulator reports \(current.supported.joined(separator: ", "))")
            throw ActionError(.emulation, "Emulation for \(missing.map(\.description).joined(separator: ", ")) could not be registered with \(image) (it reports \(current.supported.joined(separator: ", "))). Use a runner of that architecture, or drop it from platforms.")
        }
    }

    /// Uses the engine's builder when it can build several platforms (containerd image store),
    /// else creates a docker-container builder, recorded in GITHUB_STATE for the post step.
    func prepareBuilder(session: DockerSession, endpoint: String? = nil, tls: RemoteBuilderTLS? = nil, buildkitImage: String? = nil,
                        log: OperationLog) async throws -> BuilderChoice {
        let started = Date()
        let runID = BuilderChoice.runID(githubRunID: runnerEnvironment.runID, processID: ProcessInfo.processInfo.processIdentifier)
        if let remote = try BuilderChoice.remote(endpoint: endpoint, runID: runID) {
            return try await create(remote, session: session, tls: try tls.map { try tlsFiles($0, session: session) }, started: started, log: log)
        }
        let info = try await session.run(["info", "--format", "{{json .DriverStatus}}"])
        guard info.status == 0 else {
            throw ActionError(.builder, "The Docker engine does not answer (docker info: \(Self.lastLines(info.standardError, count: 3))). Is /var/run/docker.sock mounted?")
        }
        let choice = BuilderChoice.decide(driverStatus: info.standardOutput, runID: runID)
        log.record(phase: .builder, operation: "docker info", started: started, status: info.status, detail: choice == .engine ? "engine builder (containerd image store)" : "docker-container builder needed")
        return try await create(choice, session: session, buildkitImage: buildkitImage, started: started, log: log)
    }

    /// The remote builder's certificates and key in 0600 files of the private configuration
    /// (deleted with it): buildx reads files, and argv never holds their contents.
    func tlsFiles(_ tls: RemoteBuilderTLS, session: DockerSession) throws -> RemoteBuilderTLS.Files {
        func file(_ name: String, _ pem: String) throws -> String {
            try session.secretFile(named: name, value: pem.hasSuffix("\n") ? pem : pem + "\n")
        }
        return RemoteBuilderTLS.Files(ca: try file("builder-tls-ca", tls.ca), cert: try tls.cert.map { try file("builder-tls-cert", $0) },
                                      key: try tls.key.map { try file("builder-tls-key", $0) }, serverName: tls.serverName)
    }

    /// Creates `choice`'s builder (recorded in GITHUB_STATE, so the post step removes it).
    private func create(_ choice: BuilderChoice, session: DockerSession, buildkitImage: String? = nil, tls: RemoteBuilderTLS.Files? = nil,
                        started: Date, log: OperationLog) async throws -> BuilderChoice {
        if let create = choice.createArguments(buildkitImage: buildkitImage, tls: tls), let name = choice.buildName {
            if let state = runnerEnvironment.stateFile {
                try FileCommands.append(FileCommands.block(name: "builder", value: name) + FileCommands.block(name: "docker-config", value: session.configDirectory), to: state)
            }
            let created = try await session.run(create)
            log.record(phase: .builder, operation: "buildx create", started: started, status: created.status, command: Command("docker", create))
            guard created.status == 0 else {
                throw ActionError(.builder, "Creating the builder failed: \(Self.lastLines(created.standardError))")
            }
        }
        return choice
    }

    func makePlan(inputs: BuildActionInputs, result: MetadataResult, push: Bool, session: DockerSession, firstImage: ImageReference) throws -> BuildPlan {
        func resolve(_ path: String) -> String { path.hasPrefix("/") ? path : workspace + "/" + path }
        let contextPath = resolve(inputs.context)
        guard FileManager.default.fileExists(atPath: contextPath) else {
            throw InputError(input: "context", value: inputs.context, reason: "is not a directory in the workspace", fix: "Check out the repository first (actions/checkout) and give a path relative to it.")
        }
        let dockerfile = inputs.file.map(resolve)
        guard FileManager.default.fileExists(atPath: dockerfile ?? contextPath + "/Dockerfile") else {
            throw InputError(input: "file", value: inputs.file ?? "Dockerfile", reason: "does not exist", fix: "Give the Dockerfile's path relative to the workspace, like docker/Dockerfile.")
        }
        let cache = inputs.cache.arguments(image: firstImage.registry + "/" + firstImage.repository, explicitFrom: inputs.cacheFrom, explicitTo: inputs.cacheTo)
        return BuildPlan(
            contextPath: contextPath, dockerfile: dockerfile, platforms: inputs.platforms, tags: result.tags,
            labels: result.labels, annotations: result.leveledAnnotations, buildArgs: inputs.buildArgs,
            secretIDs: inputs.secrets.entries.map(\.id), target: inputs.target, pull: inputs.pull, noCache: inputs.noCache,
            provenance: inputs.provenance, sbom: inputs.sbom, cacheFrom: cache.from, cacheTo: cache.to,
            push: push, metadataFile: session.configDirectory + "/build-metadata.json")
    }

    func secretFiles(_ inputs: BuildActionInputs, session: DockerSession) throws -> [String: String] {
        var files: [String: String] = [:]
        for entry in inputs.secrets.entries { files[entry.id] = try session.secretFile(named: entry.id, value: entry.value) }
        return files
    }

    /// Checks that every tag resolves to the pushed index, by HEAD (Docker Hub does not count
    /// HEADs against its pull limit), tolerating the registry's read-after-write lag: a tag just
    /// written may answer 404 or its old digest for a while. The platforms were checked on the
    /// pushed bytes themselves.
    func verify(_ publication: Publication, references: [String], platforms: [String], login: RegistryCredentials?, retrying: Retrying) async throws {
        let target = publication.target
        let missing = platforms.filter { !publication.platforms.contains($0) }
        guard missing.isEmpty else {
            throw ActionError(.verify, "\(target.name) was pushed with platforms \(publication.platforms.joined(separator: ",")), expected \(platforms.joined(separator: ","))")
        }
        let client = registryClient(target.reference.registry, login: login)
        for reference in references {
            try await retrying.run("\(target.name): verify \(reference.prefix(19))", toleratingLag: { $0.code == "NOT_YET" }) { () async throws(RegistryError) in
                let served = try await client.manifestDigest(repository: target.reference.repository, reference: reference)
                guard served == publication.digest else {
                    throw RegistryError(status: served == nil ? 404 : 200, code: "NOT_YET",
                                        message: "\(target.name):\(reference) serves \(served ?? "nothing"), expected \(publication.digest)")
                }
            }
        }
        commands.info("Verified \(target.name): \(references.count) tags serve \(publication.digest)")
    }

    /// The step summary of a run that got to its report.
    private func writeSummary(_ summary: StepSummary) throws {
        guard let path = runnerEnvironment.summaryFile else { return }
        try FileCommands.append(summary.markdown, to: path)
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
