import Foundation

/// A command to run: executable (looked up on PATH) and arguments, as a plain value.
public struct Command: Sendable, Equatable, CustomStringConvertible {
    /// The program name or path.
    public var executable: String
    /// The arguments (never secrets: those go on stdin or in 0600 files).
    public var arguments: [String]
    /// The working directory, or nil for the current one.
    public var workingDirectory: String?

    /// A command from its parts.
    public init(_ executable: String, _ arguments: [String], workingDirectory: String? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.workingDirectory = workingDirectory
    }

    /// The command line, for logs.
    public var description: String { ([executable] + arguments).joined(separator: " ") }
}

/// How a command ended: a non-zero exit is a normal result, not an error.
public struct CommandResult: Sendable, Equatable {
    /// The exit status (128+signal when killed).
    public var status: Int32
    /// Everything written to stdout.
    public var standardOutput: String
    /// Everything written to stderr.
    public var standardError: String

    /// A result from its parts.
    public init(status: Int32, standardOutput: String, standardError: String) {
        self.status = status
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// Runs commands; the seam between the orchestration and real processes.
public protocol ProcessRunner: Sendable {
    /// Runs `command` to completion with `input` on stdin; throws only when it cannot start.
    func run(_ command: Command, input: Data?) throws -> CommandResult
    /// Runs `command`, handing every line of stdout and stderr to `line` as it arrives.
    func runStreaming(_ command: Command, line: @escaping @Sendable (String) -> Void) throws -> CommandResult
}

extension ProcessRunner {
    /// Collects the output, then replays it line by line (for runners that cannot stream).
    public func runStreaming(_ command: Command, line: @escaping @Sendable (String) -> Void) throws -> CommandResult {
        let result = try run(command, input: nil)
        (result.standardOutput + result.standardError).split(separator: "\n", omittingEmptySubsequences: false).forEach { line(String($0)) }
        return result
    }
}

/// Runs real processes with Foundation's `Process`.
public struct SystemProcessRunner: ProcessRunner {
    /// The environment given to children (nil: inherit).
    public let environment: [String: String]?

    /// A runner whose children get `environment`.
    public init(environment: [String: String]? = nil) { self.environment = environment }

    /// A runner for a step's children (docker, git): the step's `environment` without the
    /// action's inputs (`INPUT_*`), so that passwords and tokens stay out of theirs.
    public static func children(of environment: [String: String]) -> SystemProcessRunner {
        SystemProcessRunner(environment: environment.filter { !$0.key.hasPrefix("INPUT_") })
    }

    /// Runs `command`, collecting both streams.
    public func run(_ command: Command, input: Data? = nil) throws -> CommandResult {
        try execute(command, input: input, line: nil)
    }

    /// Runs `command`, streaming both pipes line by line while it runs.
    public func runStreaming(_ command: Command, line: @escaping @Sendable (String) -> Void) throws -> CommandResult {
        try execute(command, input: nil, line: line)
    }

    /// Starts `command`, feeds `input` on stdin, drains both pipes concurrently (handing lines to
    /// `line` when given) and waits for the exit.
    private func execute(_ command: Command, input: Data?, line: (@Sendable (String) -> Void)?) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.resolve(command.executable, environment: environment ?? ProcessInfo.processInfo.environment))
        process.arguments = command.arguments
        if let directory = command.workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        let outCollector = OutputCollector(), errCollector = OutputCollector()
        let group = DispatchGroup()
        for (pipe, collector) in [(stdout, outCollector), (stderr, errCollector)] {
            group.enter()
            DispatchQueue.global().async {
                Self.pump(pipe.fileHandleForReading, into: collector, line: line)
                group.leave()
            }
        }
        group.wait()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus,
            standardOutput: String(decoding: outCollector.data, as: UTF8.self),
            standardError: String(decoding: errCollector.data, as: UTF8.self))
    }

    /// Reads `handle` to its end, passing complete lines on and keeping everything.
    private static func pump(_ handle: FileHandle, into collector: OutputCollector, line: (@Sendable (String) -> Void)?) {
        var pending = Data()
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            collector.append(chunk)
            guard let line else { continue }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: 0x0A) {
                line(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                pending.removeSubrange(pending.startIndex...newline)
            }
        }
        if let line, !pending.isEmpty { line(String(decoding: pending, as: UTF8.self)) }
    }

    /// The absolute path of `name` on PATH (names with a slash are used as they are).
    static func resolve(_ name: String, environment: [String: String]) throws -> String {
        if name.contains("/") { return name }
        for directory in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw RuntimeError("\(name): command not found on PATH")
    }
}

/// Collects a stream read on another thread.
private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var storage = Data()
    func append(_ value: Data) { lock.withLock { storage.append(value) } }
    var data: Data { lock.withLock { storage } }
}
