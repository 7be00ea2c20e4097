import BuildActionCore
import Foundation

/// What one run of the main step left behind, read the way a workflow reads it: the exit
/// status, stdout (workflow commands), the outputs in `GITHUB_OUTPUT`, the step summary, the
/// JSON Lines log, `GITHUB_STATE`, the docker commands it ran, files left in `$HOME`.
struct JobResult {
    /// One line of the JSON Lines log.
    struct LogRecord: Sendable, Equatable {
        let phase: String
        let operation: String
        let status: Int?
        let registry: String?
        let detail: String?
        let command: String?
    }

    let status: Int32
    let stdout: [String]
    let outputs: [String: String]
    let summary: String
    let log: [LogRecord]
    /// The log file's text, as written.
    let logText: String
    let state: String
    let exported: String
    let docker: FakeDocker
    /// What is left in `$HOME/.openkf-build` (the private docker configurations).
    let leftovers: [String]
    let environment: [String: String]

    init(status: Int32, stdout: [String], directory: String, workspace: String, environment: [String: String], docker: FakeDocker) throws {
        self.status = status
        self.stdout = stdout
        self.environment = environment
        self.docker = docker
        func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        outputs = Self.parseOutputs(read(directory + "/file_commands/output"))
        summary = read(directory + "/file_commands/summary")
        state = read(directory + "/file_commands/state")
        exported = read(directory + "/file_commands/env")
        // This step's log: build-log.jsonl, or build-log-<job>-<step>.jsonl when the job names them.
        logText = read(workspace + "/" + RunnerEnvironment(environment: environment, workingDirectory: workspace).logFile)
        log = try logText.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { throw ScenarioError("a log line is no object: \(line)") }
            return LogRecord(phase: object["phase"] as? String ?? "", operation: object["operation"] as? String ?? "",
                             status: object["status"] as? Int, registry: object["registry"] as? String,
                             detail: object["detail"] as? String, command: object["command"] as? String)
        }
        leftovers = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/home/.openkf-build")) ?? []
    }

    /// `name<<DELIMITER` blocks, as the runner reads GITHUB_OUTPUT.
    static func parseOutputs(_ text: String) -> [String: String] {
        var outputs: [String: String] = [:]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        while let line = lines.popFirst() {
            guard let marker = line.range(of: "<<") else { continue }
            let delimiter = String(line[marker.upperBound...])
            var value: [String] = []
            while let next = lines.popFirst(), next != delimiter { value.append(next) }
            outputs[String(line[..<marker.lowerBound])] = value.joined(separator: "\n")
        }
        return outputs
    }

    /// The `::error::` lines, whole.
    var errors: [String] { stdout.filter { $0.hasPrefix("::error::") } }
    /// The `::warning::` lines, whole.
    var warnings: [String] { stdout.filter { $0.hasPrefix("::warning::") } }
    /// The `::notice::` lines, whole.
    var notices: [String] { stdout.filter { $0.hasPrefix("::notice::") } }

    /// The `registries` output: image name → its entry.
    var registries: [String: [String: Any]] {
        guard let text = outputs["registries"], let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String: Any]] else { return [:] }
        return object
    }

    /// The log's records as `phase status [registry]`, without retries; each run of push
    /// records sorted (registries are pushed at once, so they finish in any order).
    var phases: [String] {
        var result: [String] = []
        var group: [String] = []
        var current: String?
        for record in log where record.phase != "retry" {
            if record.phase != current {
                result += current == "push" ? group.sorted() : group
                group = []
                current = record.phase
            }
            group.append([record.phase, record.status.map(String.init) ?? "null", record.registry].compactMap { $0 }.joined(separator: " "))
        }
        return result + (current == "push" ? group.sorted() : group)
    }

    /// The retry records of the log.
    var retries: [LogRecord] { log.filter { $0.phase == "retry" } }
}
