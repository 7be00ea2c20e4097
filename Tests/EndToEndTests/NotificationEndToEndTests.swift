import BuildActionCore
import Foundation
import JavaScriptCompat
import Testing

@testable import BuildActionRuntime

/// Failure notifications for real: a run that fails for one registry (wrong credentials)
/// opens an issue and posts a signed DingTalk message to the stand-ins; a second failure
/// comments instead of opening another issue; a run that succeeds closes it. A notifier that
/// cannot reach its target only warns.
@Suite("Failure notifications on the real engine", .serialized)
struct NotificationEndToEndTests {
    @Test func issueOpenedCommentedAndClosedWithOneWebhookPerFailure() async throws {
        let environment = try TestEnvironment.load()
        let hub = try environment.registry("dockerhub"), acr = try environment.registry("acr")
        let api = try APIStandIn()
        let repository = "okf-e2e/notify-\(ProcessInfo.processInfo.processIdentifier)"
        let hookSecret = "SEC-dingtalk-signing-secret"
        func run(acrPassword: String?) async throws -> CommandResult {
            let acrLogin = try #require(acr.login), hubLogin = try #require(hub.login)
            let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: ["ref": "refs/heads/main", "repository": ["default_branch": "main"]], inputs: [
                "images": "\(hub.host)/\(repository)\n\(acr.host)/\(repository)", "tags": "type=ref,event=branch",
                "registry-auth": "- registry: \(hub.host)\n  username: \(hubLogin.username)\n  password: '\(hubLogin.password)'\n- registry: \(acr.host)\n  username: \(acrLogin.username)\n  password: '\(acrPassword ?? acrLogin.password)'",
                "notify-issue": "true", "notify-webhook": api.url + "/hooks/dingtalk?access_token=tok", "notify-webhook-format": "dingtalk",
                "notify-webhook-secret": hookSecret,
            ], apiURL: api.url)
            var env = run.environment
            env["GITHUB_WORKFLOW"] = "openkf-server image"
            env["GITHUB_REF_NAME"] = "main"
            env["GITHUB_RUN_ID"] = "4242"
            env["GITHUB_SERVER_URL"] = "https://github.com"
            try run.writeDockerfile()
            return try await SystemProcessRunner(environment: env).run(Command(ActionRun.binary, [], workingDirectory: run.workspace), input: nil)
        }
        let first = try await run(acrPassword: "wrong-password-for-acr")
        #expect(first.status == 1)
        #expect(first.standardOutput.contains("Opened issue #1."), "\(first.standardOutput)")
        var recorded = try await api.recorded()
        let hooks = recorded.filter { $0["path"]?.stringValue?.hasPrefix("/hooks/") == true }
        #expect(hooks.count == 1)
        let hookPath = try #require(hooks.first?["path"]?.stringValue)
        #expect(hookPath.contains("access_token=tok&timestamp=") && hookPath.contains("&sign="))
        let text = try #require(hooks.first?["body"]?["text"]?["content"]?.stringValue)
        #expect(text.contains("openkf-build failed in login for \(acr.host)"))
        #expect(text.contains("https://github.com/openimsdk/openkf/actions/runs/4242"))
        #expect(!text.contains("wrong-password-for-acr"))
        let opened = try #require(recorded.first { $0["path"]?.stringValue == "/repos/openimsdk/openkf/issues" })
        #expect(opened["body"]?["title"]?.stringValue == "openkf-build: openkf-server image is failing on main")
        if case .array(let labels)? = opened["body"]?["labels"] {
            #expect(labels == [.string(Notifier.issueLabel)])
        } else {
            Issue.record("the issue has no labels")
        }
        #expect(opened["authorization"]?.stringValue == "token ghs_dummytoken")

        let second = try await run(acrPassword: "wrong-password-for-acr")
        #expect(second.status == 1)
        #expect(second.standardOutput.contains("Commented on issue #1."))
        recorded = try await api.recorded()
        #expect(recorded.filter { $0["path"]?.stringValue == "/repos/openimsdk/openkf/issues" }.count == 1, "a second failure must not open another issue")
        #expect(recorded.filter { $0["path"]?.stringValue?.hasPrefix("/hooks/") == true }.count == 2)

        let fixed = try await run(acrPassword: nil)
        #expect(fixed.status == 0, "\(fixed.standardOutput)")
        #expect(fixed.standardOutput.contains("Closed issue #1"))
        recorded = try await api.recorded()
        #expect(recorded.contains { $0["method"]?.stringValue == "PATCH" && $0["body"]?["state"]?.stringValue == "closed" })
        #expect(recorded.filter { $0["path"]?.stringValue?.hasPrefix("/hooks/") == true }.count == 2, "success sends no webhook")
        for item in recorded { #expect(!JSONText.from(item).compact.contains(hookSecret)) }
    }

    @Test func anUnreachableNotifierOnlyWarns() async throws {
        let hub = try TestEnvironment.load().registry("dockerhub")
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: ["ref": "refs/heads/main", "repository": ["default_branch": "main"]], inputs: [
            "images": "\(hub.host)/okf-e2e/notify-unreachable", "tags": "type=ref,event=branch",
            "registry-auth": "- registry: \(hub.host)\n  username: nobody\n  password: 'wrong'",
            "notify-webhook": "http://127.0.0.1:1/hooks/x",
        ])
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("::warning::Notification failed while sending the webhook notification"))
        #expect(!result.standardOutput.contains("::error::Notification"))
    }
}
