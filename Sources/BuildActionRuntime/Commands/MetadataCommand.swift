import BuildActionCore
import DockerMetadata
import Foundation
import JavaScriptCompat
import OCIRegistry
import SocketHTTP

/// `openkf-build metadata`: docker/metadata-action v6 as a step. Reads the inputs and context
/// the runner gives, computes with the pure engine, and writes outputs only when all succeeded.
public struct MetadataCommand: Sendable {
    let environment: [String: String]
    /// The runner's variables, read once.
    let runnerEnvironment: RunnerEnvironment
    let commands: WorkflowCommands
    let runner: any ProcessRunner
    let now: Date
    let workingDirectory: String
    /// The input that selects the context source (`metadata-context` in the build action).
    let contextInput: String
    /// Carries the GitHub API's requests instead of the runner's network, when given.
    let transport: (any HTTPTransport)?

    /// A command over the given effects; `transport`, when given, replaces the runner's
    /// network (proxies from the environment) for the GitHub API.
    public init(environment: [String: String], commands: WorkflowCommands, runner: any ProcessRunner, now: Date, workingDirectory: String,
                contextInput: String = "context", transport: (any HTTPTransport)? = nil) {
        self.contextInput = contextInput
        self.transport = transport
        self.environment = environment
        runnerEnvironment = RunnerEnvironment(environment: environment, workingDirectory: workingDirectory)
        self.commands = commands
        self.runner = runner
        self.now = now
        self.workingDirectory = workingDirectory
    }

    /// Runs the step; returns the exit status (0 success, 1 failure reported as `::error::`).
    public func run() async -> Int32 {
        var warnings: [String] = []
        do {
            let computed = try await compute(warnings: &warnings)
            try write(computed)
            return 0
        } catch let error as any HintedError {
            warnings.forEach(commands.warning)
            commands.error(error.description)
            if let hint = error.hint { commands.notice(hint) }
        } catch {
            warnings.forEach(commands.warning)
            commands.error(String(describing: error))
        }
        return 1
    }

    /// Everything up to the outputs: context, repository, engine.
    func compute(warnings: inout [String]) async throws(MetadataError) -> (MetadataInputs, MetadataResult) {
        let (inputs, result, _) = try await computeWithContext(warnings: &warnings)
        return (inputs, result)
    }

    /// `compute`, also returning the context it used; with `createdFromCommit` the `created`
    /// label and annotation carry the commit's time (unless SOURCE_DATE_EPOCH sets the clock).
    func computeWithContext(warnings: inout [String], createdFromCommit: Bool = false) async throws(MetadataError) -> (MetadataInputs, MetadataResult, GitHubContext) {
        let inputs = try MetadataInputs(environment: environment, contextInput: contextInput)
        let api = GitHubAPI(baseURL: runnerEnvironment.apiURL, token: inputs.githubToken,
                            transport: try network())
        let context = try await resolveContext(inputs: inputs, api: api)
        guard let slug = context.repository else {
            throw MetadataError("context.repo requires a GITHUB_REPOSITORY environment variable like 'owner/repo'", hint: "Run inside GitHub Actions, or set GITHUB_REPOSITORY.")
        }
        let repository: RepositoryInfo
        do {
            repository = try await api.repository(slug)
        } catch {
            throw MetadataError(error.description, hint: error.hint)
        }
        _ = try outputEnvironmentEnabled()
        printContext(context)
        var settings = MetadataSettings(environment: environment, now: now)
        if createdFromCommit, runnerEnvironment.sourceDateEpoch == nil { settings.created = context.commitDate }
        let engine = try MetadataEngine(inputs: inputs, context: context, repository: repository, settings: settings, zones: SystemZoneDatabase(environment: environment))
        return (inputs, try engine.run(warnings: &warnings), context)
    }

    /// The injected `transport`, else a client through the runner's proxies (a proxy variable
    /// that is no http proxy URL is an error).
    private func network() throws(MetadataError) -> any HTTPTransport {
        if let transport { return transport }
        do {
            return try RunnerNetwork.client(environment, timeout: 30)
        } catch {
            throw MetadataError(error.description)
        }
    }

    private func resolveContext(inputs: MetadataInputs, api: GitHubAPI) async throws(MetadataError) -> GitHubContext {
        let base = GitHubContext(environment: environment, payload: try readPayload())
        switch inputs.contextSource {
        case "workflow":
            var context = base.adjustedForWorkflow(prHeadSHA: environment["DOCKER_METADATA_PR_HEAD_SHA"])
            context.commitDate = await commitDate(of: context, api: api)
            return context
        case "git":
            do {
                return try GitContextReader(directory: workingDirectory).context(base: base)
            } catch {
                throw MetadataError(error.description, hint: error.hint)
            }
        default:
            throw MetadataError("Invalid context source: \(inputs.contextSource)", hint: "The context input takes workflow or git.")
        }
    }

    /// The payload's commit date, else the commits API's, else now (as metadata-action falls back).
    private func commitDate(of context: GitHubContext, api: GitHubAPI) async -> Date? {
        if let fromPayload = context.commitDateFromPayload() { return fromPayload }
        guard let slug = context.repository, let sha = context.sha else { return now }
        do {
            return try await api.commitDate(slug, ref: sha)
        } catch {
            commands.debug("Failed to get commit date from GitHub API: \(error.description)")
            return now
        }
    }

    private func readPayload() throws(MetadataError) -> JSONValue {
        guard let path = runnerEnvironment.eventPath else { return .object([:]) }
        guard let data = FileManager.default.contents(atPath: path) else {
            commands.info("GITHUB_EVENT_PATH \(path) does not exist")
            return .object([:])
        }
        do {
            return try JSONValue(parsing: data)
        } catch {
            throw .invalidJSON(error)
        }
    }

    /// `DOCKER_METADATA_SET_OUTPUT_ENV` (default true), parsed like actions-toolkit's `parseBool`.
    func outputEnvironmentEnabled() throws(MetadataError) -> Bool {
        guard let text = environment["DOCKER_METADATA_SET_OUTPUT_ENV"], !text.isEmpty else { return true }
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default: throw MetadataError("parseBool syntax error: \(text)", hint: "DOCKER_METADATA_SET_OUTPUT_ENV takes true or false.")
        }
    }

    /// Prints what metadata-action prints; `workflow` and `actor` come straight from the
    /// environment as @actions/github reads them (unset prints `undefined`, empty prints empty).
    private func printContext(_ context: GitHubContext) {
        commands.group("Context info", [
            "eventName: \(context.eventName)",
            "sha: \(context.sha ?? "undefined")",
            "ref: \(context.ref ?? "undefined")",
            "workflow: \(environment["GITHUB_WORKFLOW"] ?? "undefined")",
            "actor: \(environment["GITHUB_ACTOR"] ?? "undefined")",
            "commitDate: \(context.commitDate.map(ISOTimestamp.string) ?? "Invalid Date")",
        ])
    }

    /// Writes the outputs (and `extra` ones after them) and the bake files.
    func write(_ computed: (MetadataInputs, MetadataResult), extra: [(name: String, value: String)] = []) throws {
        let (inputs, result) = computed
        let paths = try writeBakeFiles(result)
        result.warnings.forEach(commands.warning)
        commands.group("Docker image version", [result.version.main ?? ""])
        commands.group("Docker tags", result.tags)
        commands.group("Docker labels", result.labels)
        commands.group("Annotations", result.leveledAnnotations)
        let outputs = result.outputs(separators: (inputs.tagSeparator, inputs.labelSeparator, inputs.annotationSeparator), bakePaths: paths) + extra
        let files = FileCommands(environment: environment)
        try files.setOutputs(outputs, commands: commands)
        if try outputEnvironmentEnabled() {
            let own = outputs.prefix(outputs.count - extra.count)
            try files.exportVariables(own.map { (Self.environmentName(forOutput: $0.name), $0.value) })
        }
    }

    /// `DOCKER_METADATA_OUTPUT_` + the output name with non-word characters as `_`, upper-cased.
    static func environmentName(forOutput name: String) -> String {
        let word = String(name.unicodeScalars.map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_") ? Character(scalar) : "_"
        })
        return "DOCKER_METADATA_OUTPUT_" + word.uppercased()
    }

    /// Writes the four bake definitions under a fresh directory in `RUNNER_TEMP` (never through a
    /// link); the outputs name them as the job's later steps see them (see `RunnerPaths`).
    private func writeBakeFiles(_ result: MetadataResult) throws(ActionFileError) -> [String: String] {
        let base = runnerEnvironment.temporaryBase
        do {
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        } catch {
            throw .temporaryDirectory(base: base, reason: SystemErrorReason.of(error))
        }
        let directory = try TemporaryDirectory.make(in: base, prefix: "openkf-build-metadata-")
        var paths: [String: String] = [:]
        for file in result.bakeFiles {
            let name = "docker-metadata-action-bake\(file.fileSuffix).json"
            let path = "\(directory)/\(name)"
            // A fresh 0700 directory; still, never write through a link put there.
            let handle: FileHandle
            do {
                handle = try WorkspaceFiles.create(name, in: directory, shown: path)
            } catch {
                throw .bakeFile(path: path, reason: error.reason)
            }
            defer { try? handle.close() }
            do {
                try handle.write(contentsOf: Data(file.content.utf8))
            } catch {
                throw .bakeFile(path: path, reason: "cannot be written (\(SystemErrorReason.of(error)))")
            }
            paths[file.output] = RunnerPaths.hostPath(for: path, environment: environment)
        }
        return paths
    }
}

extension String {
    /// nil for the empty string.
    var nonEmptyValue: String? { isEmpty ? nil : self }
}
