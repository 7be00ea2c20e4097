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
        #expect(RetryPolicy.retryAfterSeconds(header, now: 0) == seconds)
    }

    /// Docker Hub and others may send an HTTP date: the three forms RFC 9110 names, read
    /// against "now" (2015-10-21 07:27:50 UTC = 1445412470).
    @Test(arguments: [
        ("Wed, 21 Oct 2015 07:28:00 GMT", 10.0), ("Wednesday, 21-Oct-15 07:28:00 GMT", 10.0), ("Wed Oct 21 07:28:00 2015", 10.0),
        ("Wed, 21 Oct 2015 07:27:00 GMT", 0.0), ("Thu, 22 Oct 2015 07:27:50 GMT", 86_400.0),
    ] as [(String, Double)])
    func readsRetryAfterDates(_ header: String, _ seconds: Double) {
        #expect(RetryPolicy.retryAfterSeconds(header, now: 1_445_412_470) == seconds)
    }

    @Test(arguments: [nil, "", "-1", "1.5", "Wed, 32 Oct 2015 07:28:00 GMT", "Wed, 21 Foo 2015 07:28:00 GMT", "soon"] as [String?])
    func ignoresOtherRetryAfterValues(_ header: String?) {
        #expect(RetryPolicy.retryAfterSeconds(header, now: 1_445_412_470) == nil)
    }

    @Test func readAfterWriteLagIsBounded() {
        let policy = RetryPolicy.readAfterWrite
        let total = (1...policy.retries).compactMap { policy.delay(afterAttempt: $0, jitter: 1) }.reduce(0, +)
        #expect(policy.retries == 6)
        #expect(total <= 30 && total >= 10)
        #expect(policy.delay(afterAttempt: policy.retries + 1, jitter: 0) == nil)
    }

    /// The build is run again after 1 s, then 2 s, whatever the jitter: three builds in all.
    @Test func rebuildWaitsOneThenTwoSeconds() {
        let policy = RetryPolicy.rebuild
        for jitter in [0, 0.5, 0.999] {
            #expect([1, 2, 3].map { policy.delay(afterAttempt: $0, jitter: jitter) } == [1, 2, nil])
        }
    }

    /// Docker Hub's headers: `ratelimit-limit: 100;w=21600`.
    @Test func rateLimitHeaders() throws {
        let limit = try #require(RateLimit(limit: "100;w=21600", remaining: "0;w=21600"))
        #expect(limit == RateLimit(limit: "100; w=21600", remaining: "0"))
        #expect(limit.description == "0 of 100 pulls left per 6 h")
        #expect(RateLimit(limit: "200", remaining: nil)?.description == "limit 200 pulls")
        #expect(RateLimit(limit: "lots", remaining: "0") == nil)
        #expect(RateLimit(limit: nil, remaining: "0") == nil)
    }
}
