import BuildActionRuntime
import Foundation

/// Everything one scenario's jobs run against: Docker Hub, GHCR, Alibaba Cloud ACR and a
/// self-hosted registry in memory, GitHub's API and the webhooks behind one fake network, and a
/// temporary workspace. `run` starts the main step (`BuildCommand`) in process as the runner
/// starts the action: the environment of a container action, file commands in a temporary
/// directory, the fake docker, a fixed clock.
final class ScenarioWorld: @unchecked Sendable {
    let root: String
    let workspace: String
    let network: FakeNetwork
    let dockerHub: InMemoryRegistry
    let ghcr: InMemoryRegistry
    let acr: InMemoryRegistry
    let selfHosted: InMemoryRegistry
    private var jobs = 0

    /// A world whose registries (by image-name registry) have `faults`.
    init(faults: [String: [RegistryFault]] = [:]) throws {
        root = try TemporaryDirectory.make(in: Self.temporaryBase, prefix: "okf-scenario-")
        workspace = root + "/workspace"
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        dockerHub = InMemoryRegistry(profile: .dockerHub, account: (ScenarioJob.dockerHubUser, ScenarioJob.dockerHubPassword))
        ghcr = InMemoryRegistry(profile: .ghcr, account: (nil, ScenarioJob.jobToken))
        acr = InMemoryRegistry(profile: .acr, account: (ScenarioJob.aliyunUser, ScenarioJob.aliyunPassword))
        selfHosted = InMemoryRegistry(profile: .selfHosted, account: (ScenarioJob.selfHostedUser, ScenarioJob.selfHostedPassword))
        let github = FakeGitHub(repository: "openimsdk/openkf", token: ScenarioJob.jobToken, commitDate: ScenarioEvent.commitDate)
        network = FakeNetwork(registries: [dockerHub, ghcr, acr, selfHosted], github: github)
        for (name, added) in faults {
            guard let registry = network.registry(name) else { throw ScenarioError("no registry \(name) in the scenario world") }
            try registry.inject(added)
        }
    }

    /// Memory-backed /dev/shm when there is one (a run writes a few hundred small files, which
    /// a busy ext4 /tmp creates slowly), else the temporary directory.
    static let temporaryBase: String = {
        let shm = "/dev/shm"
        return FileManager.default.isWritableFile(atPath: shm) ? shm : NSTemporaryDirectory()
    }()

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The registry image names call `name`.
    func registry(_ name: String) -> InMemoryRegistry {
        network.registry(name)!
    }

    /// Runs the main step for `job`; returns what it left behind.
    func run(_ job: ScenarioJob) async throws -> JobResult {
        jobs += 1
        let directory = root + "/job\(jobs)"
        for sub in ["home", "runner_temp", "file_commands"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + sub, withIntermediateDirectories: true)
        }
        for file in ["output", "env", "summary", "state"] {
            _ = FileManager.default.createFile(atPath: directory + "/file_commands/" + file, contents: nil)
        }
        try job.event.payload.write(toFile: directory + "/event.json", atomically: true, encoding: .utf8)
        for (path, content) in job.files {
            let full = workspace + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try content.write(toFile: full, atomically: true, encoding: .utf8)
        }
        let environment = try Self.environment(job, directory: directory, workspace: workspace)
        let lines = LineCollector()
        let tokens = LineCollector()
        let commands = WorkflowCommands(write: { lines.append($0) }, stopTokens: {
            tokens.append("")
            return "scenario-stop-token-\(tokens.count)"
        })
        let docker = FakeDocker(machine: job.machine, clock: job.clock) { [network] host, username, password in
            network.dockerLogin(host: host, username: username, password: password)
        }
        let status = await BuildCommand(environment: environment, commands: commands, runner: docker, now: job.clock,
                                        workingDirectory: workspace, transport: network).run()
        return try JobResult(status: status, stdout: lines.lines, directory: directory, workspace: workspace, environment: environment, docker: docker)
    }

    /// The environment the runner gives a container action's main step.
    static func environment(_ job: ScenarioJob, directory: String, workspace: String) throws -> [String: String] {
        var environment = [
            "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": directory + "/home", "CI": "true", "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": job.event.name, "GITHUB_REF": job.event.ref, "GITHUB_REF_NAME": job.event.refName,
            "GITHUB_SHA": ScenarioEvent.sha, "GITHUB_REPOSITORY": "openimsdk/openkf", "GITHUB_REPOSITORY_OWNER": "openimsdk",
            "GITHUB_ACTOR": ScenarioJob.actor, "GITHUB_WORKFLOW": "openkf-server image", "GITHUB_RUN_ID": ScenarioJob.runID, "GITHUB_RUN_ATTEMPT": "1",
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_API_URL": "https://api.github.com",
            "GITHUB_EVENT_PATH": directory + "/event.json", "GITHUB_WORKSPACE": workspace,
            "GITHUB_OUTPUT": directory + "/file_commands/output", "GITHUB_ENV": directory + "/file_commands/env",
            "GITHUB_STEP_SUMMARY": directory + "/file_commands/summary", "GITHUB_STATE": directory + "/file_commands/state",
            "RUNNER_TEMP": directory + "/runner_temp", "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64",
        ]
        let inputs = try ActionDefaults.inputs(token: ScenarioJob.jobToken, actor: ScenarioJob.actor).merging(job.inputs) { $1 }
        for (name, value) in inputs { environment["INPUT_" + name.uppercased().replacingOccurrences(of: " ", with: "_")] = value }
        return environment.merging(job.environment) { $1 }
    }
}
