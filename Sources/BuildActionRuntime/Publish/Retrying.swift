import BuildActionCore
import Foundation

/// Runs registry requests again on transient failures, as a `RetryPolicy` says, and, where the
/// caller allows it, on the registry's read-after-write lag with `RetryPolicy.readAfterWrite`.
public struct Retrying: Sendable {
    /// The policy for transient failures.
    public let policy: RetryPolicy
    /// The policy for read-after-write lag.
    public let lagPolicy: RetryPolicy
    /// Called before each wait with what failed, the attempt that failed and the delay.
    public let onRetry: @Sendable (_ what: String, _ error: RegistryError, _ attempt: Int, _ delay: Double) -> Void
    /// Waits; `Task.sleep` unless a test replaces it.
    public let sleep: @Sendable (Double) async -> Void

    /// Retrying with `policy`.
    public init(policy: RetryPolicy, lagPolicy: RetryPolicy = .readAfterWrite,
                onRetry: @escaping @Sendable (String, RegistryError, Int, Double) -> Void,
                sleep: @escaping @Sendable (Double) async -> Void = { seconds in try? await Task.sleep(for: .seconds(seconds)) }) {
        self.policy = policy
        self.lagPolicy = lagPolicy
        self.onRetry = onRetry
        self.sleep = sleep
    }

    /// `body`, tried until it succeeds, fails permanently, or the retries are used up. With
    /// `toleratingLag`, errors for which it answers true (a 404 right after a write, say) are
    /// tried again too, on their own bounded count. A registry that asks to wait longer than the
    /// policy's longest delay fails at once, saying so.
    @discardableResult
    public func run<Value: Sendable>(_ what: String, toleratingLag isLag: ((RegistryError) -> Bool)? = nil,
                                     _ body: () async throws(RegistryError) -> Value) async throws(RegistryError) -> Value {
        var transientAttempt = 1
        var lagAttempt = 1
        while true {
            do {
                return try await body()
            } catch {
                // A cancelled task (another blob of this registry failed) stops at once.
                if Task.isCancelled { throw error }
                let delay: Double?
                let attempt: Int
                if error.isTransient {
                    if let wait = error.retryAfter, wait > policy.maximumDelay {
                        throw error.adding(" (that is longer than the \(Int(policy.maximumDelay)) s this step waits between tries; re-run the job later)")
                    }
                    delay = policy.delay(afterAttempt: transientAttempt, retryAfter: error.retryAfter, jitter: Double.random(in: 0..<1))
                    attempt = transientAttempt
                    transientAttempt += 1
                } else if let isLag, isLag(error) {
                    delay = lagPolicy.delay(afterAttempt: lagAttempt, jitter: Double.random(in: 0..<1))
                    attempt = lagAttempt
                    lagAttempt += 1
                } else {
                    delay = nil
                    attempt = 0
                }
                guard let delay else { throw error }
                onRetry(what, error, attempt, delay)
                await sleep(delay)
            }
        }
    }
}
