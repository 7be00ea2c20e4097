import BuildActionRuntime
import Foundation

/// The entry point: picks the subcommand, wires real effects, exits with the status.
@main
struct OpenKFBuild {
    static func main() async {
        // A closed stdout ends the run quietly (see CommandLineInterface.run), never a crash.
        Console.survivePipeClosures()
        let status = await CommandLineInterface(
            programPath: CommandLine.arguments.first ?? "openkf-build",
            arguments: Array(CommandLine.arguments.dropFirst()),
            environment: ProcessInfo.processInfo.environment
        ).run()
        exit(status)
    }
}
