import BuildActionCore
import Foundation

/// Chooses the subcommand from the arguments and runs it with the real environment, console,
/// processes and clock.
public struct CommandLineInterface: Sendable {
    let arguments: [String]
    let environment: [String: String]

    /// An interface for `arguments` (without the program name) and `environment`.
    public init(arguments: [String], environment: [String: String]) {
        self.arguments = arguments
        self.environment = environment
    }

    /// The name of a link to the binary that runs the post step: GitHub's runner passes
    /// `post-entrypoint` unsplit to `docker run --entrypoint`, so it must be one executable path.
    public static let postLinkName = "openkf-build-post"

    /// The name of a link to the binary that runs `metadata`: the entrypoint of the
    /// `metadata/action.yml` action, which therefore needs no `runs.args`.
    public static let metadataLinkName = "openkf-build-metadata"

    /// An interface for a process started as `programPath` with `arguments`: started through the
    /// post link it runs `post`, through the metadata link `metadata`, whatever the arguments.
    public init(programPath: String, arguments: [String], environment: [String: String]) {
        let name = programPath.split(separator: "/").last.map(String.init) ?? programPath
        let linked = [Self.postLinkName: "post", Self.metadataLinkName: "metadata"][name]
        self.init(arguments: linked.map { [$0] } ?? arguments, environment: environment)
    }

    /// The subcommand this interface runs (nil: the main step).
    public var subcommand: String? { arguments.first }

    /// The usage text.
    public static let usage = """
        usage: openkf-build              build every platform, push, verify (the action's main step)
               openkf-build post         clean up after the main step (the action's post step)
               openkf-build metadata     compute tags, labels and annotations (docker/metadata-action v6)
               openkf-build --version    print the version
        """

    /// Runs the chosen subcommand and returns the exit status. When stdout goes away (a reader
    /// that stops reading, `metadata | head -1`) the rest of the log is dropped, the work still
    /// finishes (logouts and clean-up included), and the status is at least 1.
    public func run() async -> Int32 {
        let console = Console.standard
        let status = await run(console: console)
        return status == 0 && console.failed() ? 1 : status
    }

    /// Runs the chosen subcommand, printing to `console`.
    func run(console: Console) async -> Int32 {
        let commands = WorkflowCommands(write: console.writeLine)
        let directory = FileManager.default.currentDirectoryPath
        switch arguments.first {
        case "metadata", nil:
            let now: Date
            switch Clock.now(environment: environment) {
            case .success(let date): now = date
            case .failure(let error):
                commands.error(error.description)
                if let hint = error.hint { commands.notice(hint) }
                return 1
            }
            let runner = SystemProcessRunner.children(of: environment)
            if arguments.first == nil {
                return await BuildCommand(environment: environment, commands: commands, runner: runner, now: now, workingDirectory: directory).run()
            }
            return await MetadataCommand(environment: environment, commands: commands, runner: runner, now: now, workingDirectory: directory).run()
        case "post":
            await PostCommand(environment: environment, commands: commands).run(runner: SystemProcessRunner.children(of: environment))
            return 0
        case "--version", "version":
            console.writeLine("openkf-build \(BuildInfo.version)")
            return 0
        case "--help", "-h", "help":
            console.writeLine(Self.usage)
            return 0
        default:
            commands.error("unknown subcommand '\(arguments.joined(separator: " "))'. \(Self.usage)")
            return 2
        }
    }
}

/// What this build of the action is.
public enum BuildInfo {
    /// The release version.
    public static let version = "0.1.0"
}
