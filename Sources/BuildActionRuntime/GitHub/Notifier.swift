import BuildActionCore
import Foundation
import JavaScriptCompat
import SocketHTTP

/// Tells the team about a failed run, once: a webhook message, and an issue (one per workflow
/// and branch, commented on by later failures, closed when a run succeeds). A notifier that
/// fails only warns.
public struct Notifier: Sendable {
    /// The label that marks the tracking issues.
    public static let issueLabel = "openkf-build-failure"

    let runner: RunnerEnvironment
    let commands: WorkflowCommands
    let log: OperationLog
    let transport: any HTTPTransport

    /// A notifier over the given effects.
    public init(runner: RunnerEnvironment, commands: WorkflowCommands, log: OperationLog, transport: any HTTPTransport = SocketHTTPClient(timeout: 20)) {
        self.runner = runner
        self.commands = commands
        self.log = log
        self.transport = transport
    }

    /// Sends `report` to the webhook and the issue tracker, as enabled.
    public func failed(_ report: FailureReport, webhook: WebhookTarget?, issue: Bool, token: String) async {
        if let webhook { await post(report, to: webhook) }
        if issue { await openOrComment(report, token: token) }
    }

    /// Closes the tracking issue of this workflow and branch, if one is open.
    public func succeeded(token: String, runURL: String) async {
        let started = Date()
        do {
            let api = try github(token: token)
            guard let number = try await openIssue(api) else { return }
            _ = try await api.send("POST", "\(repositoryPath)/issues/\(number)/comments",
                                   body: .object([("body", .string("Fixed: \(runURL) succeeded."))]))
            _ = try await api.send("PATCH", "\(repositoryPath)/issues/\(number)", body: .object([("state", .string("closed"))]))
            commands.info("Closed issue #\(number): the build works again.")
            log.record(phase: .notify, operation: "close issue #\(number)", started: started, status: 0)
        } catch {
            warn("closing the failure issue", error, started: started)
        }
    }

    private func post(_ report: FailureReport, to webhook: WebhookTarget) async {
        let started = Date()
        let message = WebhookMessage(report: report, target: webhook, timestampMilliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        do {
            guard let url = URL(string: message.url) else { throw NotifierError.invalidWebhookURL }
            let response = try await transport.send(HTTPRequest(method: "POST", url: url, headers: [("Content-Type", "application/json"), ("User-Agent", "openkf-build-action")], body: message.body))
            guard (200..<300).contains(response.status) else { throw NotifierError.webhookStatus(response.status) }
            commands.info("Sent the failure notification (\(webhook.format.rawValue) webhook).")
            log.record(phase: .notify, operation: "webhook (\(webhook.format.rawValue))", started: started, status: Int32(response.status))
        } catch {
            warn("sending the webhook notification", error, started: started)
        }
    }

    private func openOrComment(_ report: FailureReport, token: String) async {
        let started = Date()
        do {
            let api = try github(token: token)
            if let number = try await openIssue(api) {
                _ = try await api.send("POST", "\(repositoryPath)/issues/\(number)/comments", body: .object([("body", .string(report.markdown))]))
                commands.info("Commented on issue #\(number).")
                log.record(phase: .notify, operation: "comment on issue #\(number)", started: started, status: 0)
            } else {
                let created = try await api.send("POST", "\(repositoryPath)/issues", body: .object([
                    ("title", .string(title)), ("body", .string(report.markdown)), ("labels", .array([.string(Self.issueLabel)])),
                ]))
                let number = created["number"].map { JSONText.from($0).compact } ?? "?"
                commands.info("Opened issue #\(number).")
                log.record(phase: .notify, operation: "open issue #\(number)", started: started, status: 0)
            }
        } catch {
            warn("opening the failure issue (the job needs permissions: issues: write)", error, started: started)
        }
    }

    /// The open tracking issue's number for this workflow and branch.
    private func openIssue(_ api: GitHubAPI) async throws -> Int? {
        let list = try await api.get("\(repositoryPath)/issues?state=open&labels=\(Self.issueLabel)&per_page=100")
        guard case .array(let issues) = list else { return nil }
        for issue in issues where issue["title"]?.stringValue == title && issue["pull_request"] == nil {
            if case .number(let number)? = issue["number"] { return Int(number) }
        }
        return nil
    }

    private var title: String {
        FailureReport.issueTitle(workflow: runner.workflow.isEmpty ? "workflow" : runner.workflow, refName: runner.refName)
    }

    private var repositoryPath: String { "/repos/\(runner.repository)" }

    private func github(token: String) throws(NotifierError) -> GitHubAPI {
        guard runner.repository.contains("/") else {
            throw NotifierError.noRepository(runner.repository.isEmpty ? nil : runner.repository)
        }
        return GitHubAPI(baseURL: runner.apiURL, token: token, transport: transport)
    }

    private func warn(_ what: String, _ error: any Error, started: Date) {
        let message = String(describing: error)
        commands.warning("Notification failed while \(what): \(log.redact(message))")
        if let hint = (error as? NotifierError)?.hint { commands.notice(hint) }
        log.record(phase: .notify, operation: what, started: started, status: 1, detail: message)
    }
}
