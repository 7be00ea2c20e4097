import BuildActionCore
import Foundation
import Testing

extension ScenarioTable {
    static let issueTitle = "openkf-build: openkf-server image is failing on main"
    static let slackHook = "https://hooks.slack.com/services/T0KF/B0KF/sl4ckW3bh00kSecret"
    static let wrongAcrPassword = ["aliyun-password": "not-the-Acr-password"]

    /// Summary, log and notifications.
    static let reports: [Scenario] = [
        Scenario(
            name: "summary-disabled",
            promise: "summary: false writes no step summary, not even for a failure",
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf(["summary": "false"]),
                             files: ScenarioJob.openkfFiles.merging(["deploy/docker/Dockerfile.server": "FROM alpine:3.20\nRUN exit 2\n"]) { $1 }),
            expect: Expectation(status: 1, errors: nil, nothingWritten: true, summary: false)),
        Scenario(
            name: "failure-opens-an-issue-and-posts-to-the-webhook",
            promise: "a failed run opens one issue (label openkf-build-failure) and posts one webhook message naming the phase, the registry and the run",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(wrongAcrPassword.merging(["notify-issue": "true", "notify-webhook": slackHook]) { $1 })),
            expect: Expectation(
                status: 1, publications: [hub: .pushed, acr: .failed("incorrect username or password"), ghcr: .pushed], errors: nil,
                lines: ["Opened issue #1.", "Sent the failure notification (slack webhook)."],
                check: { outcome in
                    let issues = outcome.world.network.github.issues
                    #expect(issues.count == 1)
                    #expect(issues.first?.title == issueTitle)
                    #expect(issues.first?.labels == ["openkf-build-failure"])
                    #expect(issues.first?.body.contains("https://github.com/openimsdk/openkf/actions/runs/4242") == true)
                    let messages = outcome.world.network.webhookMessages
                    #expect(messages.count == 1)
                    #expect(messages.first?.url == slackHook)
                    let text = try #require(try JSONSerialization.jsonObject(with: Data((messages.first?.body ?? "").utf8)) as? [String: Any])["text"] as? String
                    #expect(text?.contains("openkf-build failed in login for registry.cn-hangzhou.aliyuncs.com") == true, "\(text ?? "")")
                    #expect(text?.contains("https://github.com/openimsdk/openkf/actions/runs/4242") == true)
                    #expect(text?.contains("not-the-Acr-password") == false)
                    #expect(outcome.result.log.filter { $0.phase == "notify" }.map(\.status) == [200, 0])
                })),
        Scenario(
            name: "signed-dingtalk-message",
            promise: "notify-webhook-format: dingtalk posts DingTalk's message, signed with notify-webhook-secret (which is never sent), mentioning nobody",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(wrongAcrPassword.merging([
                "notify-webhook": "https://oapi.dingtalk.com/robot/send?access_token=d1ngT0kenSecret", "notify-webhook-format": "dingtalk",
                "notify-webhook-secret": "SECdingtalkSigningSecret0",
            ]) { $1 })),
            expect: Expectation(
                status: 1, errors: nil, lines: ["Sent the failure notification (dingtalk webhook)."],
                check: { outcome in
                    let message = try #require(outcome.world.network.webhookMessages.first)
                    #expect(outcome.world.network.webhookMessages.count == 1)
                    let query = URLComponents(string: message.url)?.queryItems ?? []
                    let timestamp = try #require(query.first { $0.name == "timestamp" }?.value)
                    #expect(query.first { $0.name == "sign" }?.value == WebhookMessage.dingTalkSignature(secret: "SECdingtalkSigningSecret0", timestamp: timestamp))
                    #expect(!message.url.contains("SECdingtalkSigningSecret0") && !message.body.contains("SECdingtalkSigningSecret0"))
                    let body = try #require(try JSONSerialization.jsonObject(with: Data(message.body.utf8)) as? [String: Any])
                    #expect(body["msgtype"] as? String == "text")
                    #expect((body["at"] as? [String: Any])?["isAtAll"] as? Bool == false)
                    #expect(((body["text"] as? [String: Any])?["content"] as? String)?.contains("login") == true)
                })),
        Scenario(
            name: "later-failure-comments-on-the-open-issue",
            promise: "a later failure comments on the open issue instead of opening another",
            openIssues: [issueTitle],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(wrongAcrPassword.merging(["notify-issue": "true"]) { $1 })),
            expect: Expectation(
                status: 1, errors: nil, lines: ["Commented on issue #1."],
                check: { outcome in
                    let issues = outcome.world.network.github.issues
                    #expect(issues.count == 1)
                    #expect(issues.first?.comments.count == 1)
                    #expect(issues.first?.comments.first?.contains("login") == true)
                    #expect(outcome.world.network.webhookMessages.isEmpty)
                })),
        Scenario(
            name: "success-closes-the-open-issue",
            promise: "a run that succeeds closes the open failure issue",
            openIssues: [issueTitle],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["notify-issue": "true", "notify-webhook": slackHook])),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(mainTags), lines: ["Closed issue #1: the build works again."],
                phases: publishing + ["notify 0"],
                check: { outcome in
                    let issue = try #require(outcome.world.network.github.issues.first)
                    #expect(issue.state == "closed")
                    #expect(issue.comments == ["Fixed: https://github.com/openimsdk/openkf/actions/runs/4242 succeeded."])
                    #expect(outcome.world.network.webhookMessages.isEmpty, "success sends no webhook")
                })),
        Scenario(
            name: "each-step-keeps-its-own-log",
            promise: "two steps of one job (one per image) keep their own logs, named after the job and the step; log-file names it",
            before: [ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf,
                                 environment: ["GITHUB_JOB": "images", "GITHUB_ACTION": "__openimsdk_openkf-build-action"])],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf,
                             environment: ["GITHUB_JOB": "images", "GITHUB_ACTION": "__openimsdk_openkf-build-action_2"]),
            expect: Expectation(
                outputs: ["log-file": ".openkf-build/build-log-images-openimsdk_openkf-build-action_2.jsonl"],
                publications: allPublished, registryTags: everywhere(mainTags), phases: publishing,
                check: { outcome in
                    let directory = outcome.world.workspace + "/.openkf-build/"
                    let first = try String(contentsOfFile: directory + "build-log-images-openimsdk_openkf-build-action.jsonl", encoding: .utf8)
                    let second = try String(contentsOfFile: directory + "build-log-images-openimsdk_openkf-build-action_2.jsonl", encoding: .utf8)
                    #expect(first.contains(#""phase":"push""#) && second.contains(#""phase":"push""#), "both steps' records are kept")
                    #expect(!FileManager.default.fileExists(atPath: directory + "build-log.jsonl"))
                })),
        Scenario(
            name: "pull-request-failure-notifies-nobody",
            promise: "a failed pull-request build opens no issue and posts no webhook by default: the pull request shows the failed check",
            job: ScenarioJob(event: .pullRequest(42), inputs: ScenarioJob.openkf(["notify-issue": "true", "notify-webhook": slackHook]),
                             files: ScenarioJob.openkfFiles.merging(["deploy/docker/Dockerfile.server": "FROM alpine:3.20\nRUN exit 2\n"]) { $1 }),
            expect: Expectation(
                status: 1, errors: nil,
                lines: ["::notice::No notification on a pull_request event: the pull request shows the failed check (notify-pull-requests: true to notify anyway)."],
                nothingWritten: true,
                check: { outcome in
                    #expect(outcome.world.network.github.issues.isEmpty)
                    #expect(outcome.world.network.webhookMessages.isEmpty)
                    #expect(!outcome.result.log.contains { $0.phase == "notify" })
                })),
        Scenario(
            name: "pull-request-failure-notifies-when-asked",
            promise: "notify-pull-requests: true notifies on pull-request events too",
            job: ScenarioJob(event: .pullRequest(42), inputs: ScenarioJob.openkf(["notify-webhook": slackHook, "notify-pull-requests": "true"]),
                             files: ScenarioJob.openkfFiles.merging(["deploy/docker/Dockerfile.server": "FROM alpine:3.20\nRUN exit 2\n"]) { $1 }),
            expect: Expectation(
                status: 1, errors: nil, nothingWritten: true,
                check: { outcome in
                    #expect(outcome.world.network.webhookMessages.count == 1)
                    #expect(outcome.world.network.webhookMessages.first?.body.contains("failed in build") == true)
                })),
        Scenario(
            name: "unreachable-notifier-only-warns",
            promise: "a notifier that fails only warns; the run's own status stands",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(wrongAcrPassword.merging(["notify-webhook": "https://hooks.unreachable.example/T0KF/sekret-path"]) { $1 })),
            expect: Expectation(
                status: 1, errors: nil, linePrefixes: ["::warning::Notification failed while sending the webhook notification: "],
                check: { outcome in
                    #expect(!outcome.result.errors.contains { $0.contains("Notification") })
                    #expect(outcome.result.log.last?.phase == "notify" && outcome.result.log.last?.status == 1)
                })),
    ]
}
