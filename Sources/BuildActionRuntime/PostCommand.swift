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

    /// Deletes `$HOME/.openkf-build/docker-config-*`.
    public func run() {
        let base = (environment["HOME"] ?? NSTemporaryDirectory()) + "/.openkf-build"
        let leftovers = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).filter { $0.hasPrefix("docker-config-") }
        for name in leftovers {
            try? FileManager.default.removeItem(atPath: base + "/" + name)
        }
        commands.info(leftovers.isEmpty ? "Nothing to clean up." : "Removed \(leftovers.count) private docker configuration(s).")
    }
}
