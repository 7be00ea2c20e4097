import Foundation

/// A command to run: executable (looked up on PATH) and arguments, as a plain value.
public struct Command: Sendable, Equatable, CustomStringConvertible {
    /// The program name or path.
    public var executable: String
    /// The arguments (never secrets: those go on stdin or in 0600 files).
    public var arguments: [String]
    /// The working directory, or nil for the current one.
    public var workingDirectory: String?
    /// Variables set (a value) or removed (nil) on top of the runner's environment.
    public var environment: [String: String?]

    /// A command from its parts.
    public init(_ executable: String, _ arguments: [String], workingDirectory: String? = nil, environment: [String: String?] = [:]) {
        self.executable = executable
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    /// `base` with this command's variables set and removed.
    public func environment(over base: [String: String]) -> [String: String] {
        var merged = base
        for (name, value) in environment { merged[name] = value }
        return merged
    }

    /// The command line, for logs.
    public var description: String { ([executable] + arguments).joined(separator: " ") }
}

/// How a process ended.
public enum TerminationStatus: Sendable, Equatable, CustomStringConvertible {
    /// It exited with this code.
    case exited(Int32)
    /// A signal it did not handle ended it.
    case signalled(Int32)

    /// The code a shell reports: the exit code, or 128 + the signal.
    public var code: Int32 {
        switch self {
        case .exited(let code): return code
        case .signalled(let signal): return 128 + signal
        }
    }

    /// `exited(3)`, `signalled(15)`.
    public var description: String {
        switch self {
        case .exited(let code): return "exited(\(code))"
        case .signalled(let signal): return "signalled(\(signal))"
        }
    }
}

/// How a command ended: a non-zero exit is a normal result, not an error.
public struct CommandResult: Sendable, Equatable {
    /// How the process ended.
    public var termination: TerminationStatus
    /// Everything written to stdout.
    public var standardOutput: String
    /// Everything written to stderr.
    public var standardError: String

    /// A result from its parts.
    public init(termination: TerminationStatus, standardOutput: String, standardError: String) {
        self.termination = termination
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// The result of a process that exited with `status`.
    public init(status: Int32, standardOutput: String, standardError: String) {
        self.init(termination: .exited(status), standardOutput: standardOutput, standardError: standardError)
    }

    /// The exit status (128 + the signal when a signal ended it).
    public var status: Int32 { termination.code }
}
