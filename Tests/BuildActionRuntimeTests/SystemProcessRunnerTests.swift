import Foundation
import Testing

@testable import BuildActionRuntime

/// The real runner against real processes (sh, cat, sleep, env, pwd).
@Suite("System process runner")
struct SystemProcessRunnerTests {
    let runner = SystemProcessRunner()

    func shell(_ script: String, runner: SystemProcessRunner? = nil) async throws -> CommandResult {
        try await (runner ?? self.runner).run(Command("/bin/sh", ["-c", script]), input: nil)
    }

    @Test func aNonZeroExitIsAResult() async throws {
        let result = try await shell("echo out; echo err >&2; exit 3")
        #expect(result.termination == .exited(3))
        #expect(result.status == 3)
        #expect(result.standardOutput == "out\n")
        #expect(result.standardError == "err\n")
    }

    @Test func aSignalIsAResult() async throws {
        let result = try await shell("kill -KILL $$")
        #expect(result.termination == .signalled(SIGKILL))
        #expect(result.status == 128 + SIGKILL)
    }

    @Test func inputGoesOnStdinAndNothingElseDoes() async throws {
        let secret = try await runner.run(Command("cat", []), input: Data("hunter2\n".utf8))
        #expect(secret == CommandResult(status: 0, standardOutput: "hunter2\n", standardError: ""))
        // Without input the child reads an empty stdin rather than waiting for ours.
        let empty = try await runner.run(Command("cat", []), input: nil)
        #expect(empty == CommandResult(status: 0, standardOutput: "", standardError: ""))
    }

    /// Four MiB through `cat`: stdin is written while stdout is read, so neither pipe fills up.
    @Test func bigInputDoesNotDeadlock() async throws {
        let input = String(repeating: "0123456789abcdef\n", count: (4 << 20) / 17)
        let result = try await runner.run(Command("cat", []), input: Data(input.utf8))
        #expect(result.status == 0)
        #expect(result.standardOutput == input)
    }

    @Test func aChildThatDoesNotReadItsInputStillEnds() async throws {
        let result = try await runner.run(Command("/bin/sh", ["-c", "exit 0"]), input: Data(count: 1 << 20))
        #expect(result.status == 0)
    }

    /// Lines reach the handler while the child runs, in the order they were written, from both
    /// streams; a last line without a newline too. The child waits (up to 60 s: the other tests
    /// share the pool) for the file the handler creates on its first line, so it can only go on
    /// if lines arrive as they are written.
    @Test func streamsLinesInOrderWhileTheChildRuns() async throws {
        let directory = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-runner-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let seen = SeenLines()
        let script = """
            echo one; i=0
            while [ ! -e '\(directory)/seen' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
            [ -e '\(directory)/seen' ] && echo two >&2 || echo 'not streamed' >&2
            sleep 0.1; printf three
            """
        let result = try await runner.runStreaming(Command("/bin/sh", ["-c", script])) { line in
            seen.append(line)
            if line == "one" { _ = FileManager.default.createFile(atPath: directory + "/seen", contents: nil) }
        }
        #expect(seen.lines == ["one", "two", "three"])
        #expect(result.standardOutput == "one\nthree")
        #expect(result.standardError == "two\n")
    }

    @Test func manyLinesInOneReadComeOutWholeAndInOrder() async throws {
        let seen = SeenLines()
        let result = try await runner.runStreaming(Command("seq", ["1", "20000"])) { seen.append($0) }
        #expect(seen.lines == (1...20000).map(String.init))
        #expect(result.standardOutput.count == seen.lines.map { $0.count + 1 }.reduce(0, +))
    }

    @Test func looksUpPATHAndRunsInTheWorkingDirectory() async throws {
        let directory = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-runner-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/bin", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: directory + "/bin/okf-probe", contents: Data("#!/bin/sh\npwd\n".utf8), attributes: [.posixPermissions: 0o755])
        let runner = SystemProcessRunner(environment: ["PATH": directory + "/bin:/usr/bin:/bin"])
        let result = try await runner.run(Command("okf-probe", [], workingDirectory: directory + "/bin"), input: nil)
        #expect(result.status == 0)
        #expect(URL(fileURLWithPath: result.standardOutput.trimmingCharacters(in: .newlines)).resolvingSymlinksInPath().path
                == URL(fileURLWithPath: directory + "/bin").resolvingSymlinksInPath().path)
    }

    /// The main and post steps start their children with the step's environment minus `INPUT_*`.
    @Test func childrenOfAStepGetNoInputs() async throws {
        let step = ["PATH": "/usr/bin:/bin", "HOME": "/tmp", "INPUT_DOCKERHUB-PASSWORD": "hunter2", "INPUT_TAGS": "x", "GITHUB_TOKEN_NAME": "y"]
        let result = try await SystemProcessRunner.children(of: step).run(Command("/usr/bin/env", []), input: nil)
        let names = Set(result.standardOutput.split(separator: "\n").map { String($0.prefix { $0 != "=" }) })
        #expect(names == ["PATH", "HOME", "GITHUB_TOKEN_NAME"])
        #expect(!result.standardOutput.contains("hunter2"))
    }

    @Test func throwsOnlyWhenItCannotStart() async throws {
        await #expect(throws: ProcessError.notFound("okf-no-such-program")) {
            try await runner.run(Command("okf-no-such-program", []), input: nil)
        }
        await #expect(throws: ProcessError.self) { try await runner.run(Command("/nonexistent/okf-program", []), input: nil) }
        await #expect(throws: ProcessError.missingDirectory(executable: "/bin/sh", directory: "/nonexistent/okf-dir")) {
            try await runner.run(Command("/bin/sh", ["-c", "true"], workingDirectory: "/nonexistent/okf-dir"), input: nil)
        }
    }

    @Test func aCancelledTaskStartsNothing() async throws {
        let directory = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-runner-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let runner = self.runner
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await runner.run(Command("/usr/bin/touch", [directory + "/started"]), input: nil)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(!FileManager.default.fileExists(atPath: directory + "/started"))
    }

    /// A child starts with no signal blocked, though the cooperative pool's threads block most:
    /// docker and git can be stopped with SIGTERM or SIGINT.
    @Test func childrenStartWithNoSignalBlocked() async throws {
        let result = try await runner.run(Command("grep", ["SigBlk", "/proc/self/status"]), input: nil)
        #expect(result.standardOutput == "SigBlk:\t0000000000000000\n")
    }

    /// Cancelling the task terminates the child and what it started (its process group) with
    /// SIGTERM, and the run ends with the signal as its result (SIGKILL would come only after
    /// the ten-second grace).
    @Test func cancellingTheTaskTerminatesTheChild() async throws {
        let seen = SeenLines()
        let runner = self.runner
        // The shell reports its background sleep's pid, then waits for it.
        let task = Task { try await runner.runStreaming(Command("/bin/sh", ["-c", "sleep 30 & echo $!; wait"])) { seen.append($0) } }
        let sleeper = try #require(Int32(await seen.first()))
        task.cancel()
        let result = try await task.value
        #expect(result.termination == .signalled(SIGTERM))
        #expect(!Self.isRunning(sleeper), "the child's own child \(sleeper) survived")
    }

    /// A child that ignores SIGTERM is killed after the grace period (rather than running on
    /// for its 30 s and exiting with 0).
    @Test func aChildIgnoringTerminationIsKilledAfterTheGrace() async throws {
        let seen = SeenLines()
        let runner = SystemProcessRunner(terminationGrace: 0.5)
        let task = Task { try await runner.runStreaming(Command("/bin/sh", ["-c", "trap '' TERM; echo ready; sleep 30; true"])) { seen.append($0) } }
        #expect(await seen.first() == "ready")
        task.cancel()
        let result = try await task.value
        #expect(result.termination == .signalled(SIGKILL))
    }

    /// Sixteen children and a ticker, all on one thread. Each child leaves a mark in a shared
    /// directory and waits until all sixteen marks are there and the ticker, after 50 ticks of a
    /// millisecond each (yielding the thread between them), has left its own (giving up with
    /// status 1 after 30 s). So the children end with 0 only if all sixteen run at once while the
    /// thread stays free for the ticker. A runner that held its thread while a child runs (as
    /// `waitUntilExit` did) would start neither the second child nor the ticker while the first
    /// waits. No wall-clock bound: a loaded machine is slow, not wrong. One executor thread of
    /// the test's own stands for the cooperative pool.
    @Test func longChildrenDoNotHoldTheirThread() async throws {
        let children = 16
        let marks = FileManager.default.temporaryDirectory.appendingPathComponent("barrier-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: marks, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: marks) }
        let barrier = """
            touch "$1/$2"; i=0
            while [ "$(ls "$1" | wc -l)" -lt \(children + 1) ]; do
              i=$((i + 1)); [ $i -gt 600 ] && exit 1; sleep 0.05
            done
            """
        let executor = OneThreadExecutor()
        defer { executor.stop() }
        let runner = self.runner
        let (elapsed, ticked, statuses) = try await withTaskExecutorPreference(executor) {
            let ticks = SeenLines()
            let started = Date()
            let ticker = Task(executorPreference: executor) {
                while !Task.isCancelled {
                    ticks.append("")
                    if ticks.lines.count == 50 { _ = FileManager.default.createFile(atPath: marks.appendingPathComponent("ticker").path, contents: nil) }
                    usleep(1_000)
                    await Task.yield()
                }
            }
            let statuses = try await withThrowingTaskGroup(of: Int32.self) { group in
                for child in 0..<children {
                    group.addTask { try await runner.run(Command("/bin/sh", ["-c", barrier, "barrier", marks.path, "\(child)"]), input: nil).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let elapsed = Date().timeIntervalSince(started)
            ticker.cancel()
            await ticker.value
            return (elapsed, ticks.lines.count, statuses)
        }
        print("\(children) children waiting for each other on one executor thread ended after \(String(format: "%.2f", elapsed)) s; a 1 ms ticker on that thread ticked \(ticked) times meanwhile")
        #expect(statuses == Array(repeating: 0, count: children), "some children never saw all \(children) running at once")
        #expect(ticked >= 50, "the ticker ticked only \(ticked) times in \(elapsed) s")
    }

    /// Whether `pid` is a live process (not gone, not a zombie).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(close, offsetBy: 2)] != "Z"
    }
}

/// Lines handed on from another task.
final class SeenLines: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ line: String) { lock.withLock { storage.append(line) } }
    var lines: [String] { lock.withLock { storage } }

    /// The first line, once there is one (polling; at most a minute).
    func first() async -> String {
        let deadline = Date() + 60
        while lines.isEmpty && Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return lines.first ?? ""
    }
}

/// A task executor with one thread of its own.
final class OneThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    init() {
        let thread = Thread { [self] in loop() }
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    /// Ends the thread once its queue is empty.
    func stop() {
        condition.withLock {
            stopped = true
            condition.signal()
        }
    }

    private func loop() {
        while true {
            let job: UnownedJob? = condition.withLock {
                while jobs.isEmpty && !stopped { condition.wait() }
                return jobs.isEmpty ? nil : jobs.removeFirst()
            }
            guard let job else { return }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
