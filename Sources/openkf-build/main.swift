import BuildActionRuntime
import Foundation

/// The entry point: picks the subcommand, wires real effects, exits with the status.
@main
struct OpenKFBuild {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let status = await CommandLineInterface(arguments: arguments, environment: ProcessInfo.processInfo.environment).run()
        exit(status)
    }
}
