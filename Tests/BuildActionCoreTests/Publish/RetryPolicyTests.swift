import Testing

@testable import BuildActionCore

@Suite("Retry policy")
struct RetryPolicyTests {
    @Test func backsOffExponentiallyWithinTheJitterBand() throws {
        let policy = RetryPolicy(retries: 4, baseDelay: 2, maximumDelay: 60)
        for (attempt, backoff) in [(1, 2.0), (2, 4.0), (3, 8.0), (4, 16.0)] {
            #expect(policy.delay(afterAttempt: attempt, jitter: 0) == backoff / 2)
            #expect(policy.delay(afterAttempt: attempt, jitter: 0.999_999)! > backoff * 0.999)
            #expect(policy.delay(afterAttempt: attempt, jitter: 0.999_999)! <= backoff)
        }
        #expect(policy.delay(afterAttempt: 5, jitter: 0.5) == nil)
        #expect(policy.delay(afterAttempt: 0, jitter: 0.5) == nil)
    }

    @Test func capsTheDelayAndHonoursRetryAfter() {
        let policy = RetryPolicy(retries: 10, baseDelay: 5, maximumDelay: 30)
        #expect(policy.delay(afterAttempt: 9, jitter: 1) == 30)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 12, jitter: 0) == 12)
        #expect(policy.delay(afterAttempt: 1, retryAfter: 600, jitter: 0) == 30)
    }

    @Test func noRetriesMeansOneAttempt() {
        #expect(RetryPolicy(retries: 0, baseDelay: 1).delay(afterAttempt: 1, jitter: 0) == nil)
    }

    @Test(arguments: [("3", 3.0), (" 120 ", 120.0), ("0", 0.0)] as [(String, Double)])
    func readsRetryAfterSeconds(_ header: String, _ seconds: Double) {
        #expect(RetryPolicy.retryAfterSeconds(header) == seconds)
    }

    @Test(arguments: [nil, "", "-1", "Wed, 21 Oct 2015 07:28:00 GMT", "1.5"] as [String?])
    func ignoresOtherRetryAfterValues(_ header: String?) {
        #expect(RetryPolicy.retryAfterSeconds(header) == nil)
    }
}
