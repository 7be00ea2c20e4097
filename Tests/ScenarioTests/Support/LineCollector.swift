import Foundation

/// Lines written from any thread, kept in order.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
    var count: Int { lock.withLock { stored.count } }
}
