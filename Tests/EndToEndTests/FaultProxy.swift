import Foundation

/// scripts/env/fault-proxy.py in front of a local registry: injects 5xx answers, resets
/// connections or ACR's rejection of attestation manifests, and logs every request.
final class FaultProxy {
    let port: String
    let logFile: String
    private let process = Process()
    private let input = Pipe()

    /// Starts the proxy before `upstreamPort` with the script's `options`.
    init(upstreamPort: Int, options: [String]) throws {
        logFile = NSTemporaryDirectory() + "okf-fault-proxy-\(UUID().uuidString).log"
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/env/fault-proxy.py").path
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, String(upstreamPort), "--log", logFile] + options
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        port = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `127.0.0.1:<port>`.
    var host: String { "127.0.0.1:\(port)" }

    /// The logged requests, `METHOD PATH STATUS` each.
    var requests: [String] {
        ((try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: logFile)
    }
}
