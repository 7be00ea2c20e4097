/// Docker Hub's pull rate limit as its answers state it: `ratelimit-limit: 100;w=21600` and
/// `ratelimit-remaining: 0;w=21600` (pulls per window of `w` seconds).
/// https://docs.docker.com/docker-hub/usage/pulls/
public struct RateLimit: Sendable, Equatable {
    /// Pulls allowed per window.
    public let limit: Int
    /// Pulls left in the current window, when stated.
    public let remaining: Int?
    /// The window in seconds, when stated.
    public let window: Int?

    /// The limit from the two header values; nil without a usable `ratelimit-limit`.
    public init?(limit: String?, remaining: String?) {
        guard let (count, window) = limit.flatMap(Self.parse) else { return nil }
        self.limit = count
        self.window = window
        self.remaining = remaining.flatMap(Self.parse)?.0
    }

    /// `0 of 100 pulls left per 6 h`.
    public var description: String {
        let per = window.map { $0 % 3600 == 0 ? " per \($0 / 3600) h" : " per \($0) s" } ?? ""
        if let remaining { return "\(remaining) of \(limit) pulls left\(per)" }
        return "limit \(limit) pulls\(per)"
    }

    private static func parse(_ value: String) -> (Int, Int?)? {
        let parts = value.split(separator: ";").map { $0.trimmingWhitespace }
        guard let first = parts.first, let count = Int(first) else { return nil }
        let window = parts.dropFirst().first { $0.hasPrefix("w=") }.flatMap { Int($0.dropFirst(2)) }
        return (count, window)
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingWhitespace: String { String(self).trimmingWhitespace }
}
