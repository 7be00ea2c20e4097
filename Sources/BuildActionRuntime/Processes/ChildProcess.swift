import Foundation
import SocketHTTP
import Glibc

/// A started child process: its output as it is read, how it ended, and a way to stop it.
///
/// Nothing here holds the caller's thread. Foundation's `Process` starts the child (in a
/// process group of its own, with no descriptor of ours but its three pipes) on a thread of its
/// own whose signal mask is empty (a child inherits the mask, and the cooperative pool's threads
/// block SIGTERM and SIGINT), and reports the exit to a termination handler, which resumes
/// whoever awaits `termination()`. One worker thread (`WorkerThread`, SIGPIPE blocked) reads
/// stdout and stderr with `poll`, in the order the bytes arrive, and writes stdin as the child
/// takes it.
final class ChildProcess: @unchecked Sendable {
    /// A piece of output.
    enum Chunk: Sendable {
        case standardOutput(Data)
        case standardError(Data)
    }

    /// The output in the order it was read; it finishes when both pipes are closed.
    let output: AsyncStream<Chunk>

    private let sink: AsyncStream<Chunk>.Continuation
    private let process = Process()
    private let stdout = Pipe(), stderr = Pipe()
    private let stdin: Pipe?
    private let input: Data
    private let lock = NSLock()
    private var processIdentifier: Int32 = 0
    /// Whether the child leads its own process group (a signal then reaches its children too).
    private var leadsItsGroup = false
    private var ended: TerminationStatus?
    private var outputClosed = false
    private var waiter: CheckedContinuation<TerminationStatus, Never>?

    /// Starts `executable` (an absolute path) with `input` on stdin (nil: an empty stdin);
    /// `environment` nil inherits ours. Throws when it cannot start.
    static func start(executable: String, arguments: [String], workingDirectory: String?, environment: [String: String]?,
                      input: Data?) async throws -> ChildProcess {
        let child = try ChildProcess(executable: executable, arguments: arguments, workingDirectory: workingDirectory, environment: environment, input: input)
        try await child.launch()
        return child
    }

    /// A child ready to start.
    private init(executable: String, arguments: [String], workingDirectory: String?, environment: [String: String]?, input: Data?) throws {
        (output, sink) = AsyncStream.makeStream(of: Chunk.self)
        stdin = input.map { _ in Pipe() }
        self.input = input ?? Data()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let workingDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: workingDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ProcessError.missingDirectory(executable: executable, directory: workingDirectory)
            }
            process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        }
        if let environment { process.environment = environment }
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin ?? FileHandle.nullDevice
        process.terminationHandler = { [weak self] process in
            self?.ended(process.terminationReason == .uncaughtSignal ? .signalled(process.terminationStatus) : .exited(process.terminationStatus))
        }
    }

    /// Starts the process on a thread with an empty signal mask, then the pump.
    private func launch() async throws {
        let executable = process.executableURL?.path ?? ""
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            WorkerThread.run(signals: .unblocked) { [self] in
                do {
                    try process.run()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: ProcessError.cannotStart(executable: executable, reason: (error as NSError).localizedDescription))
                }
            }
        }
        let pid = process.processIdentifier
        lock.withLock {
            processIdentifier = pid
            leadsItsGroup = getpgid(pid) == pid
        }
        WorkerThread.run { [self] in
            Self.pump(stdout: stdout.fileHandleForReading, stderr: stderr.fileHandleForReading, stdin: stdin?.fileHandleForWriting, input: input, into: sink)
            lock.withLock { outputClosed = true }
            sink.finish()
        }
    }

    /// How the child ended, once it has.
    func termination() async -> TerminationStatus {
        await withCheckedContinuation { continuation in
            let status: TerminationStatus? = lock.withLock {
                if ended == nil { waiter = continuation }
                return ended
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    /// Asks the child (and its process group) to stop with SIGTERM, then, after `grace`
    /// seconds, forces it with SIGKILL unless it has ended and its output is closed.
    func terminate(grace: Double) {
        send(SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) { [weak self] in self?.send(SIGKILL) }
    }

    /// Sends `signal` to the group the child leads while anything of it may be left, else to
    /// the child while it has not been reaped (so that the signal cannot reach a reused pid).
    private func send(_ signal: Int32) {
        lock.withLock {
            guard processIdentifier > 0, ended == nil || !outputClosed else { return }
            if leadsItsGroup {
                kill(-processIdentifier, signal)
            } else if ended == nil {
                kill(processIdentifier, signal)
            }
        }
    }

    /// Records how the child ended and resumes the task waiting for it.
    private func ended(_ status: TerminationStatus) {
        let waiting: CheckedContinuation<TerminationStatus, Never>? = lock.withLock {
            ended = status
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume(returning: status)
    }

    /// Reads both pipes to their end, in the order bytes arrive, while writing `input` to stdin
    /// as fast as the child reads it (a child that stops reading cannot block its output).
    private static func pump(stdout: FileHandle, stderr: FileHandle, stdin: FileHandle?, input: Data, into sink: AsyncStream<Chunk>.Continuation) {
        var polls = [pollfd(fd: stdout.fileDescriptor, events: Int16(POLLIN), revents: 0),
                     pollfd(fd: stderr.fileDescriptor, events: Int16(POLLIN), revents: 0)]
        var pending = input
        if let stdin {
            if pending.isEmpty {
                try? stdin.close()
            } else {
                _ = fcntl(stdin.fileDescriptor, F_SETFL, fcntl(stdin.fileDescriptor, F_GETFL) | O_NONBLOCK)
                polls.append(pollfd(fd: stdin.fileDescriptor, events: Int16(POLLOUT), revents: 0))
            }
        }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while polls[0].fd >= 0 || polls[1].fd >= 0 {
            guard poll(&polls, nfds_t(polls.count), -1) >= 0 else {
                if errno == EINTR { continue }
                break
            }
            for index in 0..<2 where polls[index].fd >= 0 && polls[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(polls[index].fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    let data = Data(buffer[0..<count])
                    sink.yield(index == 0 ? .standardOutput(data) : .standardError(data))
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    polls[index].fd = -1
                }
            }
            if polls.count == 3, polls[2].fd >= 0, polls[2].revents != 0 {
                let written = pending.withUnsafeBytes { write(polls[2].fd, $0.baseAddress, $0.count) }
                if written > 0 { pending.removeFirst(written) }
                if pending.isEmpty || (written < 0 && errno != EINTR && errno != EAGAIN) {
                    try? stdin?.close()
                    polls[2].fd = -1
                }
            }
        }
        if polls.count == 3, polls[2].fd >= 0 { try? stdin?.close() }
    }
}
