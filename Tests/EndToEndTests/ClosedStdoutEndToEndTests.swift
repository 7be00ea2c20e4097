import BuildActionCore
import Foundation
import Testing

@testable import BuildActionRuntime

/// `openkf-build metadata | head -1`: the reader goes away after the first line. The built
/// binary must end quietly with a non-zero status, whether it starts with SIGPIPE at its
/// default (a shell) or ignored (parents such as Python or the runner pass that on).
@Suite("A closed stdout ends the run quietly", .serialized)
struct ClosedStdoutEndToEndTests {
    final class Drain: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        let done = DispatchSemaphore(value: 0)
        func start(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                let all = handle.readDataToEndOfFile()
                lock.withLock { data = all }
                done.signal()
            }
        }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }

    @Test(arguments: ["--default-signal=PIPE", "--ignore-signal=PIPE"])
    func metadataPipedIntoHeadEndsQuietly(_ sigpipe: String) throws {
        // far more output than a pipe holds, so that the binary writes after the reader left
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: [:], inputs: [
            "images": "a/b", "context": "workflow", "labels": "big=" + String(repeating: "x", count: 120_000),
        ])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [sigpipe, ActionRun.binary, "metadata"]
        process.environment = run.environment
        process.currentDirectoryURL = URL(fileURLWithPath: run.workspace)
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errors = Drain()
        errors.start(stderr.fileHandleForReading)

        var first = Data()
        while !first.contains(0x0A) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first.append(chunk)
        }
        try stdout.fileHandleForReading.close()
        let ended = errors.done.wait(timeout: .now() + 60)
        if ended == .timedOut { process.terminate() }
        process.waitUntilExit()

        #expect(ended == .success, "still running a minute after its stdout closed")
        #expect(String(decoding: first, as: UTF8.self).hasPrefix("::group::Context info"))
        let stderrText = errors.text
        for crash in ["Fatal error", "Stack dump", "Current stack trace", "Program crashed", "Backtrac"] {
            #expect(!stderrText.contains(crash), "\(stderrText.prefix(2000))")
        }
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
        #expect(process.terminationStatus != 0)
        #expect(stderrText.isEmpty, "\(stderrText.prefix(2000))")
    }
}
