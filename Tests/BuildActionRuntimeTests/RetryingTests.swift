import BuildActionCore
import Foundation
import OCIRegistry
import Testing

@testable import BuildActionRuntime

/// The one retry mechanism, with a fake sleep (nothing waits) and a fixed jitter.
@Suite("Retrying")
struct RetryingTests {
    /// What the mechanism did: each wait, each announced retry.
    final class Record: @unchecked Sendable {
        private let lock = NSLock()
        private var waits: [Double] = []
        private var retries: [String] = []
        func wait(_ seconds: Double) { lock.withLock { waits.append(seconds) } }
        func retry(_ text: String) { lock.withLock { retries.append(text) } }
        var slept: [Double] { lock.withLock { waits } }
        var announced: [String] { lock.withLock { retries } }
    }

    static func retrying(_ policy: RetryPolicy = RetryPolicy(retries: 3, baseDelay: 2, maximumDelay: 60), jitter: Double = 0.5, record: Record) -> Retrying {
        Retrying(policy: policy, onRetry: { what, error, attempt, delay in record.retry("\(what): \(error.message) (\(attempt), \(delay))") },
                 sleep: { record.wait($0) }, jitter: { jitter })
    }

    /// Answers the given outcomes in turn, then succeeds; records the attempts.
    final class Script<Failure: Error>: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [Failure?]
        private(set) var attempts: [Int] = []
        init(_ outcomes: [Failure?]) { self.outcomes = outcomes }
        func next(_ attempt: Int) throws(Failure) -> String {
            let outcome: Failure? = lock.withLock {
                attempts.append(attempt)
                return outcomes.isEmpty ? nil : outcomes.removeFirst()
            }
            if let outcome { throw outcome }
            return "done after \(attempt)"
        }
    }

    static let unavailable = RegistryError(status: 503, message: "503")
    static let notFound = RegistryError(status: 404, message: "404")

    @Test func transientFailuresBackOffUntilOneSucceeds() async throws {
        let record = Record()
        let script = Script<RegistryError>([Self.unavailable, Self.unavailable])
        let value = try await Self.retrying(record: record).run("push") { () throws(RegistryError) in try script.next(0) }
        #expect(value == "done after 0")
        // 2 s doubling, spread to 75 % by the jitter of 0.5.
        #expect(record.slept == [1.5, 3])
        #expect(record.announced == ["push: 503 (1, 1.5)", "push: 503 (2, 3.0)"])
    }

    @Test func theLastFailureIsThrownWhenTheRetriesRunOut() async {
        let record = Record()
        let script = Script<RegistryError>(Array(repeating: Self.unavailable, count: 10))
        await #expect(throws: Self.unavailable) {
            try await Self.retrying(record: record).run("push") { () throws(RegistryError) in try script.next(0) }
        }
        #expect(script.attempts.count == 4)
        #expect(record.slept == [1.5, 3, 6])
    }

    @Test func aPermanentFailureIsThrownAtOnce() async {
        let record = Record()
        let denied = RegistryError(status: 401, message: "401")
        let script = Script<RegistryError>([denied])
        await #expect(throws: denied) {
            try await Self.retrying(record: record).run("push") { () throws(RegistryError) in try script.next(0) }
        }
        #expect(script.attempts.count == 1)
        #expect(record.slept.isEmpty && record.announced.isEmpty)
    }

    @Test func retryAfterIsAFloorUpToTheLongestDelay() async throws {
        let record = Record()
        let limited = RegistryError(status: 429, message: "429", retryAfter: 10)
        let script = Script<RegistryError>([limited])
        _ = try await Self.retrying(jitter: 0, record: record).run("push") { () throws(RegistryError) in try script.next(0) }
        #expect(record.slept == [10])
    }

    @Test func aRetryAfterBeyondTheLongestDelayFailsAtOnceSayingSo() async {
        let record = Record()
        let script = Script<RegistryError>([RegistryError(status: 429, message: "429", retryAfter: 120)])
        await #expect(throws: RegistryError(status: 429, message: "429 (that is longer than the 60 s this step waits between tries; re-run the job later)", retryAfter: 120)) {
            try await Self.retrying(record: record).run("push") { () throws(RegistryError) in try script.next(0) }
        }
        #expect(record.slept.isEmpty)
    }

    /// Lag and transient failures are counted apart, each against its own policy.
    @Test func readAfterWriteLagHasItsOwnCount() async throws {
        let record = Record()
        let script = Script<RegistryError>([Self.notFound, Self.unavailable, Self.notFound])
        _ = try await Self.retrying(jitter: 1, record: record).run("verify", toleratingLag: { $0.status == 404 }) { () throws(RegistryError) in
            try script.next(0)
        }
        #expect(record.announced == ["verify: 404 (1, 0.5)", "verify: 503 (1, 2.0)", "verify: 404 (2, 1.0)"])
    }

    @Test func lagIsRetriedOnlyWhereTheCallerToleratesIt() async {
        let record = Record()
        let script = Script<RegistryError>(Array(repeating: Self.notFound, count: 10))
        await #expect(throws: Self.notFound) {
            try await Self.retrying(record: record).run("read") { () throws(RegistryError) in try script.next(0) }
        }
        #expect(script.attempts.count == 1)
        await #expect(throws: Self.notFound) {
            try await Self.retrying(record: record).run("verify", toleratingLag: { $0.status == 404 }) { () throws(RegistryError) in try script.next(0) }
        }
        #expect(script.attempts.count == 1 + RetryPolicy.readAfterWrite.retries + 1)
    }

    @Test func aCancelledTaskIsNotRetried() async {
        let record = Record()
        let retrying = Self.retrying(record: record)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await retrying.run("push") { () throws(RegistryError) -> String in throw Self.unavailable }
        }
        await #expect(throws: Self.unavailable) { try await task.value }
        #expect(record.slept.isEmpty)
    }

    /// Any operation with its own failure type and classification.
    @Test func anyFailureWithItsOwnClassification() async throws {
        enum Step: Error, Equatable { case busy(Double), broken }
        let record = Record()
        let script = Script<Step>([.busy(7), .busy(0)])
        var notices: [String] = []
        let value = try await Self.retrying(jitter: 0, record: record).run("step", classify: { (failure: Step) in
            if case .busy(let wait) = failure { return .transient(retryAfter: wait) }
            return .permanent
        }, announce: { notices.append("\($0.what) \($0.failure) \($0.attempt) of \($0.attempts) in \($0.delay) s") }) { attempt throws(Step) in
            try script.next(attempt)
        }
        #expect(value == "done after 3")
        #expect(script.attempts == [1, 2, 3])
        #expect(notices == ["step busy(7.0) 1 of 4 in 7.0 s", "step busy(0.0) 2 of 4 in 2.0 s"])
        await #expect(throws: Step.broken) {
            try await Self.retrying(record: record).run("step", classify: { _ in .permanent }, announce: { _ in }) { _ throws(Step) -> Int in throw .broken }
        }
    }

    // MARK: Commands

    static func failed(_ stderr: String) -> CommandResult { CommandResult(status: 1, standardOutput: "", standardError: stderr) }
    static let succeeded = CommandResult(status: 0, standardOutput: "ok\n", standardError: "")

    /// Answers the given results in turn; records the attempts.
    final class Commands: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [CommandResult]
        private(set) var attempts: [Int] = []
        init(_ results: [CommandResult]) { self.results = results }
        func next(_ attempt: Int) -> CommandResult {
            lock.withLock {
                attempts.append(attempt)
                return results.removeFirst()
            }
        }
    }

    /// The build's schedule: again after 1 s and 2 s, the warning counting to three, and the
    /// last failure returned.
    @Test func aCommandIsRunAgainWhileItFailsTransiently() async throws {
        let record = Record()
        let commands = Commands([Self.failed("500 Internal Server Error"), Self.failed("502 Bad Gateway"), Self.failed("503 Service Unavailable")])
        var warnings: [String] = []
        let result = try await Self.retrying(.rebuild, record: record).run(command: "buildx build", isTransient: { $0.standardError.contains("Server Error") || $0.standardError.contains("Bad Gateway") || $0.standardError.contains("Unavailable") },
                                                                          announce: { warnings.append("\($0.failure.standardError): attempt \($0.attempt + 1) of \($0.attempts)") }) { attempt in
            commands.next(attempt)
        }
        #expect(result == Self.failed("503 Service Unavailable"))
        #expect(commands.attempts == [1, 2, 3])
        #expect(record.slept == [1, 2])
        #expect(warnings == ["500 Internal Server Error: attempt 2 of 3", "502 Bad Gateway: attempt 3 of 3"])
    }

    @Test func aCommandStopsAtSuccessOrAtAFailureThatIsNotTransient() async throws {
        let record = Record()
        let recovering = Commands([Self.failed("connection refused"), Self.succeeded])
        let result = try await Self.retrying(record: record).run(command: "docker login", isTransient: { $0.standardError.contains("refused") }, announce: { _ in }) {
            recovering.next($0)
        }
        #expect(result == Self.succeeded)
        #expect(record.slept == [1.5])
        let denied = Commands([Self.failed("unauthorized: incorrect username or password"), Self.succeeded])
        let refused = try await Self.retrying(record: record).run(command: "docker login", isTransient: { $0.standardError.contains("refused") }, announce: { _ in }) {
            denied.next($0)
        }
        #expect(refused == Self.failed("unauthorized: incorrect username or password"))
        #expect(denied.attempts == [1])
    }

    @Test func aCommandThatCannotStartIsNotRetried() async {
        let record = Record()
        await #expect(throws: ProcessError.notFound("docker")) {
            try await Self.retrying(record: record).run(command: "docker login", isTransient: { _ in true }, announce: { _ in }) { _ -> CommandResult in
                throw ProcessError.notFound("docker")
            }
        }
        #expect(record.slept.isEmpty)
    }
}
