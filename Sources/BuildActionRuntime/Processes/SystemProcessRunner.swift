import Foundation

/// Runs real processes without holding a thread of Swift's cooperative pool while they run:
/// the calling task is suspended until the child has exited and closed its output (see
/// `ChildProcess`). Cancelling the task terminates the child (and its process group): SIGTERM,
/// then SIGKILL after `terminationGrace`; the result then says which signal ended it.
public struct SystemProcessRunner: ProcessRunner {
    /// The environment given to children (nil: inherit).
    public let environment: [String: String]?
    /// Seconds a child of a cancelled task gets to exit after SIGTERM before SIGKILL.
    public let terminationGrace: Double

    /// A runner whose children get `environment`.
    public init(environment: [String: String]? = nil, terminationGrace: Double = 10) {
        self.environment = environment
        self.terminationGrace = terminationGrace
    }

    /// A runner for a step's children (docker, git): the step's `environment` without the
    /// action's inputs (`INPUT_*`), so that passwords and tokens stay out of theirs.
    public static func children(of environment: [String: String]) -> SystemProcessRunner {
        SystemProcessRunner(environment: environment.filter { !$0.key.hasPrefix("INPUT_") })
    }

    /// Runs `command`, collecting both streams.
    public func run(_ command: Command, input: Data? = nil) async throws -> CommandResult {
        try await execute(command, input: input) { _ in }
    }

    /// Runs `command`, handing on each line of either stream as it is read.
    public func runStreaming(_ command: Command, line: @Sendable (String) -> Void) async throws -> CommandResult {
        try await execute(command, input: nil, line: line)
    }

    /// Starts `command` and suspends until it has ended, handing each line to `line`.
    private func execute(_ command: Command, input: Data?, line: (String) -> Void) async throws -> CommandResult {
        try Task.checkCancellation()
        let base = environment ?? ProcessInfo.processInfo.environment
        let path = try Self.resolve(command.executable, environment: base)
        let childEnvironment = command.environment.isEmpty ? environment : command.environment(over: base)
        let child = try await ChildProcess.start(executable: path, arguments: command.arguments, workingDirectory: command.workingDirectory,
                                                 environment: childEnvironment, input: input)
        let grace = terminationGrace
        return await withTaskCancellationHandler {
            await Self.collect(child, line: line)
        } onCancel: {
            child.terminate(grace: grace)
        }
    }

    /// Both streams whole, each line handed to `line` as it arrives, and how the child ended.
    private static func collect(_ child: ChildProcess, line: (String) -> Void) async -> CommandResult {
        var stdout = LineBuffer(), stderr = LineBuffer()
        for await chunk in child.output {
            switch chunk {
            case .standardOutput(let data): stdout.append(data, line: line)
            case .standardError(let data): stderr.append(data, line: line)
            }
        }
        stdout.finish(line: line)
        stderr.finish(line: line)
        return CommandResult(termination: await child.termination(),
                             standardOutput: String(decoding: stdout.all, as: UTF8.self), standardError: String(decoding: stderr.all, as: UTF8.self))
    }

    /// The absolute path of `name` on PATH (names with a slash are used as they are).
    static func resolve(_ name: String, environment: [String: String]) throws -> String {
        if name.contains("/") { return name }
        for directory in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ProcessError.notFound(name)
    }
}

/// One stream's bytes: all of them, and the line not yet ended.
private struct LineBuffer {
    private(set) var all = Data()
    private var pending = Data()

    /// Adds `data`, handing each line it completes to `line`.
    mutating func append(_ data: Data, line: (String) -> Void) {
        all.append(data)
        pending.append(data)
        var start = pending.startIndex
        while let newline = pending[start...].firstIndex(of: 0x0A) {
            line(String(decoding: pending[start..<newline], as: UTF8.self))
            start = pending.index(after: newline)
        }
        pending.removeSubrange(pending.startIndex..<start)
    }

    /// Hands on the last line when the stream did not end it.
    mutating func finish(line: (String) -> Void) {
        if !pending.isEmpty { line(String(decoding: pending, as: UTF8.self)) }
        pending.removeAll()
    }
}
