import BuildActionCore
import Foundation
import JavaScriptCompat

/// The JSON Lines record of a run: one line per operation (login, build, verify...) with its
/// phase, start, duration, exit status and command, every secret value replaced by `***`.
public final class OperationLog: @unchecked Sendable {
    /// The log file (absolute path).
    public let path: String
    private let secrets: [String]
    private let file: FileHandle?
    private let lock = NSLock()
    private var durations: [(Phase, TimeInterval)] = []
    private var failed: [(phase: Phase, registry: String?)] = []

    /// A log appending to `path` (created empty, in an existing directory), redacting `secrets`.
    /// A symbolic link at `path` is refused, not followed.
    public init(path: String, secrets: [String]) throws(ActionFileError) {
        self.path = path
        self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        let directory = (path as NSString).deletingLastPathComponent, name = (path as NSString).lastPathComponent
        do {
            file = try WorkspaceFiles.create(name, in: directory, shown: path)
        } catch {
            throw .logFile(path: error.path, reason: error.reason)
        }
    }

    /// A log that writes nowhere (when even a temporary file cannot be made).
    public static let discarding: OperationLog = OperationLog(discardingWith: [])

    private init(discardingWith secrets: [String]) {
        path = "/dev/null"
        self.secrets = secrets
        file = nil
    }

    /// `text` with every secret value replaced by `***`, and the value of every `name=value`
    /// whose name names a credential (`secret_access_key=`, `GITHUB_TOKEN=`; see
    /// `CredentialRedaction`).
    public func redact(_ text: String) -> String {
        CredentialRedaction.redact(secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") })
    }

    /// `command`'s line for the log: each argument redacted on its own (a build argument named
    /// like a credential loses its whole value), then the secret values.
    func redact(_ command: Command) -> String {
        let line = ([command.executable] + command.arguments.map(CredentialRedaction.redactArgument)).joined(separator: " ")
        return secrets.reduce(line) { $0.replacingOccurrences(of: $1, with: "***") }
    }

    /// Records one finished operation.
    public func record(phase: Phase, operation: String, started: Date, ended: Date? = nil, status: Int32?, command: Command? = nil, registry: String? = nil,
                       detail: String? = nil) {
        let duration = (ended ?? Date()).timeIntervalSince(started)
        var members: [(String, JSONText?)] = [
            ("time", .string(ISOTimestamp.string(started))), ("phase", .string(phase.rawValue)), ("operation", .string(operation)),
            ("duration_ms", .literal(String(Int((duration * 1000).rounded())))),
            ("status", status.map { .literal(String($0)) } ?? .literal("null")),
        ]
        members.append(("registry", registry.map(JSONText.string)))
        members.append(("command", command.map { .string(redact($0)) }))
        members.append(("detail", detail.map { .string(redact($0)) }))
        let line = JSONText.object(members).compact + "\n"
        lock.withLock {
            durations.append((phase, duration))
            if let status, status != 0, phase != .retry, phase != .notify { failed.append((phase, registry)) }
            try? file?.write(contentsOf: Data(line.utf8))
        }
    }

    /// The operations that failed (retries and notifications aside), in order.
    public var failures: [(phase: Phase, registry: String?)] { lock.withLock { failed } }

    /// Total seconds per phase, in first-seen order.
    public var phaseDurations: [(phase: Phase, seconds: TimeInterval)] {
        lock.withLock {
            var order: [Phase] = []
            var totals: [Phase: TimeInterval] = [:]
            for (phase, duration) in durations {
                if totals[phase] == nil { order.append(phase) }
                totals[phase, default: 0] += duration
            }
            return order.map { ($0, totals[$0] ?? 0) }
        }
    }
}
