import BuildActionCore
import Foundation
import JavaScriptCompat
import SocketHTTP

@testable import BuildActionRuntime

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

/// scripts/github_api_stand_in.py shared by several runs: GitHub's issues API and chat
/// webhooks, recording every POST and PATCH.
final class APIStandIn {
    let url: String
    private let process = Process()
    private let input = Pipe()

    init() throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", ActionRun.apiScript]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        url = "http://127.0.0.1:" + String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What it received: method, path, body.
    func recorded() async throws -> [JSONValue] {
        let response = try await SocketHTTPClient(timeout: 5).send(HTTPRequest(url: URL(string: url + "/_recorded")!))
        guard case .array(let items) = try JSONValue(parsing: response.body) else { return [] }
        return items
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
