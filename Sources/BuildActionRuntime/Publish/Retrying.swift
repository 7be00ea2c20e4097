import BuildActionCore
import Foundation

/// Runs registry requests again on transient failures, as a `RetryPolicy` says.
public struct Retrying: Sendable {
    /// The policy.
    public let policy: RetryPolicy
    /// Called before each wait with what failed, the attempt that failed and the delay.
    public let onRetry: @Sendable (_ what: String, _ error: RegistryError, _ attempt: Int, _ delay: Double) -> Void
    /// Waits; `Task.sleep` unless a test replaces it.
    public let sleep: @Sendable (Double) async -> Void

    /// Retrying with `policy`.
    public init(policy: RetryPolicy, onRetry: @escaping @Sendable (String, RegistryError, Int, Double) -> Void,
                sleep: @escaping @Sendable (Double) async -> Void = { seconds in try? await Task.sleep(for: .seconds(seconds)) }) {
        self.policy = policy
        self.onRetry = onRetry
        self.sleep = sleep
    }

    /// `body`, tried until it succeeds, fails permanently, or the retries are used up.
    @discardableResult
    public func run<Value: Sendable>(_ what: String, _ body: () async throws(RegistryError) -> Value) async throws(RegistryError) -> Value {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch {
                guard error.isTransient,
                      let delay = policy.delay(afterAttempt: attempt, retryAfter: error.retryAfter, jitter: Double.random(in: 0..<1))
                else { throw error }
                onRetry(what, error, attempt, delay)
                await sleep(delay)
                attempt += 1
            }
        }
    }
}
