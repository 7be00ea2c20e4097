import Foundation

/// `openkf-build post`: the action's post step. Removes private docker configurations a main
/// step left behind (a main step that was killed cannot clean up itself).
public struct PostCommand: Sendable {
    let environment: [String: String]
    let commands: WorkflowCommands

    /// A post step over `environment`.
    public init(environment: [String: String], commands: WorkflowCommands) {
        self.environment = environment
        self.commands = commands
    }

    /// Removes a builder the main step created (`STATE_builder`), then deletes
    /// `$HOME/.openkf-build/docker-config-*`.
    public func run(runner: any ProcessRunner = SystemProcessRunner()) {
        if let builder = environment["STATE_builder"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let config = environment["STATE_docker-config"].flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
            let arguments = (config.map { ["--config", $0] } ?? []) + ["buildx", "rm", "--force", builder]
            let removed = (try? runner.run(Command("docker", arguments), input: nil))?.status == 0
            commands.info(removed ? "Removed builder \(builder)." : "Builder \(builder) was already gone.")
        }
        let base = (environment["HOME"] ?? NSTemporaryDirectory()) + "/.openkf-build"
        let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).filter { $0.hasPrefix("docker-config-") }
        for name in leftovers {
            try? FileManager.default.removeItem(atPath: base + "/" + name)
        }
        commands.info(leftovers.isEmpty ? "Nothing to clean up." : "Removed \(leftovers.count) private docker configuration(s).")
    }
}
