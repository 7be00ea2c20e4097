import Foundation
import Testing

/// Golden files under Fixtures/scenarios/: compared line by line (the difference is shown as
/// `-expected` / `+actual` lines), re-recorded with `RECORD_SCENARIOS=1 swift test --filter Scenarios`.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/scenarios").path

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_SCENARIOS"] == "1" }

    /// Checks `actual` against the golden file `name` (or records it).
    static func check(_ actual: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = directory + "/" + name
        if recording {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try actual.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("cannot record \(path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("no golden file \(name): record it with RECORD_SCENARIOS=1 swift test --filter Scenarios", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        Issue.record("\(name) differs (re-record with RECORD_SCENARIOS=1 if the change is intended):\n\(diff(expected: expected, actual: actual))",
                     sourceLocation: sourceLocation)
    }

    /// The changed lines, with their line numbers.
    static func diff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var lines: [(Int, String)] = []
        for change in new.difference(from: old) {
            switch change {
            case .remove(let offset, let line, _): lines.append((offset * 2, "-\(offset + 1): \(line)"))
            case .insert(let offset, let line, _): lines.append((offset * 2 + 1, "+\(offset + 1): \(line)"))
            }
        }
        return lines.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: "\n")
    }
}
