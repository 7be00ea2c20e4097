import Foundation

/// The last lines a streaming command printed, on either stream, in the order they came: what
/// an error quotes when the two streams interleave (a script's `echo` and the `docker run` it
/// started).
final class OutputTail: @unchecked Sendable {
    private let lock = NSLock()
    private let limit: Int
    private var lines: [String] = []

    /// A tail keeping `limit` lines.
    init(limit: Int = 15) {
        self.limit = limit
    }

    /// Keeps `line`, dropping the oldest beyond the limit (an empty line does not push one out).
    func append(_ line: String) {
        guard !line.isEmpty else { return }
        lock.withLock {
            lines.append(line)
            if lines.count > limit { lines.removeFirst(lines.count - limit) }
        }
    }

    /// The kept lines, one per line, without trailing empty ones.
    var text: String {
        lock.withLock {
            var kept = lines[...]
            while kept.last?.isEmpty == true { kept.removeLast() }
            return kept.joined(separator: "\n")
        }
    }
}
