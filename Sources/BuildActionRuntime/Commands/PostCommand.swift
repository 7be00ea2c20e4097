import BuildActionCore
import Foundation

/// `openkf-build post`: the action's post step. Removes private docker configurations a main
/// step left behind (a main step that was killed cannot clean up itself).
///
/// The saved state (`STATE_builder`, `STATE_docker-config`) comes back from a file the job's
/// earlier steps could write to, so it becomes docker arguments only in the forms the main step
/// writes: a builder name from `BuilderChoice`, a directory from `DockerSession.open`.
public struct PostCommand: Sendable {
    let runnerEnvironment: RunnerEnvironment
    let commands: WorkflowCommands

    /// A post step over `environment`.
    public init(environment: [String: String], commands: WorkflowCommands) {
        runnerEnvironment = RunnerEnvironment(environment: environment, workingDirectory: FileManager.default.currentDirectoryPath)
        self.commands = commands
    }

    /// Removes a builder the main step created (`STATE_builder`), then deletes
    /// `$HOME/.openkf-build/docker-config-*`. Children get `runner`'s environment: the
    /// command line gives them the step's environment without the inputs.
    public func run(runner: any ProcessRunner) async {
        let home = runnerEnvironment.home ?? NSTemporaryDirectory()
        if let builder = runnerEnvironment.savedState["builder"] {
            if BuilderChoice.isCreatedName(builder) {
                let config = privateConfig(home: home)
                let arguments = (config.map { ["--config", $0] } ?? []) + ["buildx", "rm", "--force", builder]
                let removed = (try? await runner.run(Command("docker", arguments), input: nil))?.status == 0
                commands.info(removed ? "Removed builder \(builder)." : "Builder \(builder) was already gone.")
            } else {
                commands.warning("Not removing the builder named by STATE_builder, \(InputError.quoted(builder)): the main step names its builders openkf-build-<run id>. Nothing was passed to docker.")
            }
        }
        let base = DockerSession.baseDirectory(home: home)
        let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).filter { $0.hasPrefix("docker-config-") }
        for name in leftovers {
            try? FileManager.default.removeItem(atPath: base + "/" + name)
        }
        commands.info(leftovers.isEmpty ? "Nothing to clean up." : "Removed \(leftovers.count) private docker configuration(s).")
    }

    /// `STATE_docker-config` when it names a private directory the main step made under this
    /// `home` and that is still a directory (not a link); nil otherwise, with a warning when the
    /// value is not of that form (a directory already deleted by the main step is normal).
    private func privateConfig(home: String) -> String? {
        guard let value = runnerEnvironment.savedState["docker-config"] else { return nil }
        guard DockerSession.isConfigDirectoryPath(value, home: home) else {
            commands.warning("Ignoring STATE_docker-config, \(InputError.quoted(value)): the main step keeps its docker configuration in \(DockerSession.baseDirectory(home: home))/docker-config-XXXXXX.")
            return nil
        }
        guard let type = try? FileManager.default.attributesOfItem(atPath: value)[.type] as? FileAttributeType else { return nil }
        guard type == .typeDirectory else {
            commands.warning("Ignoring STATE_docker-config, \(InputError.quoted(value)): it is not a directory (a symbolic link?).")
            return nil
        }
        return value
    }
}
