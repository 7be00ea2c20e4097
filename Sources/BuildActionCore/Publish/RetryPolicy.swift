/// When to try a failed request again: transient failures only, with exponential backoff,
/// jitter and a cap; a server's `Retry-After` is honoured (up to the cap).
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts after the first (`retries` input).
    public let retries: Int
    /// The first delay in seconds (`retry-delay` input); doubled after each attempt.
    public let baseDelay: Double
    /// The longest delay in seconds.
    public let maximumDelay: Double
    /// Whether delays are spread (jitter) so that parallel clients do not retry in step.
    public let jitters: Bool

    /// The defaults: three retries, 2 s doubling, at most 60 s.
    public static let standard = RetryPolicy(retries: 3, baseDelay: 2, maximumDelay: 60)

    /// A policy; see the properties.
    public init(retries: Int, baseDelay: Double, maximumDelay: Double = 60, jitters: Bool = true) {
        self.retries = max(0, retries)
        self.baseDelay = max(0, baseDelay)
        self.maximumDelay = max(self.baseDelay, maximumDelay)
        self.jitters = jitters
    }

    /// Seconds to wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed,
    /// or nil to give up. `jitter` in 0..<1 spreads the delay over 50-100 % of the backoff so
    /// that parallel clients do not retry in step (unless `jitters` is false); `retryAfter`
    /// (seconds) is a floor.
    public func delay(afterAttempt attempt: Int, retryAfter: Double? = nil, jitter: Double) -> Double? {
        guard attempt >= 1, attempt <= retries else { return nil }
        let backoff = min(maximumDelay, baseDelay * Double(1 << min(attempt - 1, 20)))
        let spread = jitters ? backoff * (0.5 + 0.5 * min(max(jitter, 0), 1)) : backoff
        return min(maximumDelay, max(spread, retryAfter ?? 0))
    }

    /// Bounded retries for a registry's read-after-write lag (a tag just written answering
    /// 404, a manifest PUT answered BLOB_UNKNOWN for blobs just uploaded): GHCR and Docker Hub
    /// are eventually consistent right after a push. Six more tries over at most about 25 s.
    public static let readAfterWrite = RetryPolicy(retries: 6, baseDelay: 0.5, maximumDelay: 8)

    /// A build that failed on a registry's transient answer (a base image pull, a cache export):
    /// built again from cache twice more, after 1 s and then 2 s. One job's build: no jitter.
    public static let rebuild = RetryPolicy(retries: 2, baseDelay: 1, maximumDelay: 2, jitters: false)

    /// Parses an HTTP `Retry-After` value: seconds, or an HTTP date (read against `now`, in
    /// seconds since 1970). A date in the past means "now" (0).
    /// https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
    public static func retryAfterSeconds(_ value: String?, now: Double) -> Double? {
        guard let text = value?.trimmingWhitespace, !text.isEmpty else { return nil }
        if let seconds = Int(text) { return seconds >= 0 ? Double(seconds) : nil }
        guard let date = HTTPDate.secondsSince1970(text) else { return nil }
        return max(0, Double(date) - now)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
