import BuildActionCore
import Foundation
import SocketHTTP
import Testing

@testable import BuildActionRuntime

/// A notifier that cannot notify warns with what went wrong and what to check.
@Suite("Notifier errors")
struct NotifierErrorTests {
    @Test(arguments: [
        (NotifierError.invalidWebhookURL, "the webhook URL is not a URL", "Check the notify-webhook URL (and its token) and notify-webhook-format."),
        (.webhookStatus(404), "the webhook answered 404", "Check the notify-webhook URL (and its token) and notify-webhook-format."),
        (.noRepository(nil), "GITHUB_REPOSITORY is not set", "Run inside GitHub Actions, or set GITHUB_REPOSITORY to owner/repo."),
        (.noRepository("openkf"), #"GITHUB_REPOSITORY "openkf" is not owner/repo"#, "Run inside GitHub Actions, or set GITHUB_REPOSITORY to owner/repo."),
    ])
    func messages(_ error: NotifierError, _ message: String, _ hint: String) {
        #expect(error.description == message)
        #expect(error.hint == hint)
    }

    /// Answers every request with `status`.
    struct Answering: HTTPTransport {
        let status: Int
        func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse { HTTPResponse(status: status) }
    }

    static let report = FailureReport(repository: "o/r", workflow: "image", refName: "main", sha: "abc", runURL: "https://github.com/o/r/actions/runs/1",
                                      phase: "build", registries: [], errors: ["The build failed"])

    static func notify(_ environment: [String: String], webhook: WebhookTarget?, issue: Bool) async -> [String] {
        let lines = FileCommandsTests.Lines()
        let notifier = Notifier(runner: RunnerEnvironment(environment: environment, workingDirectory: "/"), commands: WorkflowCommands(write: lines.append), log: .discarding, transport: Answering(status: 500))
        await notifier.failed(report, webhook: webhook, issue: issue, token: "t")
        return lines.all
    }

    @Test func aWebhookThatRefusesWarnsWithTheFix() async throws {
        let webhook = try #require(try WebhookTarget(url: "https://hooks.example.com/T0/sekret", format: "slack", secret: ""))
        #expect(await Self.notify([:], webhook: webhook, issue: false) == [
            "::warning::Notification failed while sending the webhook notification: the webhook answered 500",
            "::notice::Check the notify-webhook URL (and its token) and notify-webhook-format.",
        ])
    }

    /// A GITHUB_REPOSITORY without a slash used to be reported as not set.
    @Test func aRepositoryThatIsNotOwnerSlashRepo() async {
        #expect(await Self.notify(["GITHUB_REPOSITORY": "openkf"], webhook: nil, issue: true) == [
            #"::warning::Notification failed while opening the failure issue (the job needs permissions: issues: write): GITHUB_REPOSITORY "openkf" is not owner/repo"#,
            "::notice::Run inside GitHub Actions, or set GITHUB_REPOSITORY to owner/repo.",
        ])
    }
}
