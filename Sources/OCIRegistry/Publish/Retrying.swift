import BuildActionCore
import Foundation

/// Runs an operation again while its failures are transient, as a `RetryPolicy` says: registry
/// requests (transient errors with backoff, jitter, a cap and `Retry-After`, and where the caller
/// allows it the registry's read-after-write lag with `RetryPolicy.readAfterWrite`), `docker
/// login`, and a build that failed on a registry's transient answer. Each caller classifies its
/// own failures and says what it prints; the delays come from the policies only.
public struct Retrying: Sendable {
    /// The policy for transient failures.
    public let policy: RetryPolicy
    /// The policy for read-after-write lag.
    public let lagPolicy: RetryPolicy
    /// Called before each wait of a registry request with what failed, the attempt that failed
    /// (counted among failures of its kind) and the delay.
    public let onRetry: @Sendable (_ what: String, _ error: RegistryError, _ attempt: Int, _ delay: Double) -> Void
    /// Waits; `Task.sleep` unless a test replaces it.
    public let sleep: @Sendable (Double) async -> Void
    /// A number in 0..<1 for each delay's jitter; random unless a test replaces it.
    public let jitter: @Sendable () -> Double

    /// Retrying with `policy`.
    public init(policy: RetryPolicy, lagPolicy: RetryPolicy = .readAfterWrite,
                onRetry: @escaping @Sendable (String, RegistryError, Int, Double) -> Void = { _, _, _, _ in },
                sleep: @escaping @Sendable (Double) async -> Void = { seconds in try? await Task.sleep(for: .seconds(seconds)) },
                jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.policy = policy
        self.lagPolicy = lagPolicy
        self.onRetry = onRetry
        self.sleep = sleep
        self.jitter = jitter
    }

    /// `body`, tried until it succeeds, fails in a way `classify` calls permanent, or the
    /// retries of its failure's kind are used up; the last failure is thrown. `body` gets the
    /// attempt's number (from 1, all kinds together). Before each wait, `announce` gets the
    /// failure, its kind's count and the delay. A transient failure whose `Retry-After` is longer
    /// than the policy's longest delay ends the run at once with `waitTooLong(failure, longest)`.
    /// A cancelled task is not retried.
    @discardableResult
    public func run<Value, Failure: Error>(
        _ what: String, classify: (Failure) -> RetryClassification, announce: (RetryNotice<Failure>) -> Void,
        waitTooLong: (Failure, _ longestDelay: Double) -> Failure = { failure, _ in failure },
        _ body: (_ attempt: Int) async throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        var attempt = 1
        var transientFailures = 0
        var lagFailures = 0
        while true {
            do {
                return try await body(attempt)
            } catch {
                // A cancelled task (another blob of this registry failed) stops at once.
                if Task.isCancelled { throw error }
                let classification = classify(error)
                let failures: Int, attempts: Int, delay: Double?
                switch classification {
                case .permanent:
                    throw error
                case .transient(let retryAfter):
                    if let retryAfter, retryAfter > policy.maximumDelay { throw waitTooLong(error, policy.maximumDelay) }
                    transientFailures += 1
                    (failures, attempts) = (transientFailures, policy.retries + 1)
                    delay = policy.delay(afterAttempt: failures, retryAfter: retryAfter, jitter: jitter())
                case .readAfterWriteLag:
                    lagFailures += 1
                    (failures, attempts) = (lagFailures, lagPolicy.retries + 1)
                    delay = lagPolicy.delay(afterAttempt: failures, jitter: jitter())
                }
                guard let delay else { throw error }
                announce(RetryNotice(what: what, failure: error, classification: classification, attempt: failures, attempts: attempts, delay: delay))
                await sleep(delay)
                attempt += 1
            }
        }
    }

    /// A registry request: transient `RegistryError`s are retried (a `Retry-After` beyond the
    /// longest delay fails at once, saying so), and, with `toleratingLag`, errors for which it
    /// answers true (a 404 right after a write, say) too, on their own bounded count. `onRetry`
    /// announces each retry.
    @discardableResult
    public func run<Value: Sendable>(_ what: String, toleratingLag isLag: ((RegistryError) -> Bool)? = nil,
                                     _ body: () async throws(RegistryError) -> Value) async throws(RegistryError) -> Value {
        try await run(what, classify: { error in
            if error.isTransient { return .transient(retryAfter: error.retryAfter) }
            return isLag?(error) == true ? .readAfterWriteLag : .permanent
        }, announce: { notice in
            onRetry(notice.what, notice.failure, notice.attempt, notice.delay)
        }, waitTooLong: { error, longest in
            error.adding(" (that is longer than the \(Int(longest)) s this step waits between tries; re-run the job later)")
        }) { _ throws(RegistryError) in
            try await body()
        }
    }
}

/// What a failure says about trying again.
public enum RetryClassification: Sendable, Equatable {
    /// No retry can help.
    case permanent
    /// A retry may help, after the policy's delay or the server's `Retry-After` (seconds) when
    /// that is longer.
    case transient(retryAfter: Double?)
    /// A registry's read-after-write lag: retried on `RetryPolicy.readAfterWrite`'s own count.
    case readAfterWriteLag
}

/// A failed attempt that is about to be tried again.
public struct RetryNotice<Failure> {
    /// What is being tried.
    public let what: String
    /// How the attempt failed.
    public let failure: Failure
    /// Its kind.
    public let classification: RetryClassification
    /// The failed attempt, counted among failures of its kind (from 1).
    public let attempt: Int
    /// How many attempts its kind allows in all.
    public let attempts: Int
    /// Seconds before the next attempt.
    public let delay: Double

    /// The same notice about `failure`.
    public func replacingFailure<Other>(with failure: Other) -> RetryNotice<Other> {
        RetryNotice<Other>(what: what, failure: failure, classification: classification, attempt: attempt, attempts: attempts, delay: delay)
    }
}
