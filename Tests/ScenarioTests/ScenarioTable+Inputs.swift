import Foundation
import Testing

extension ScenarioTable {
    /// A run stopped by bad input: the exact `::error::` line, nothing run, nothing written, no
    /// summary (the `summary` input itself is not read yet).
    static func badInput(_ name: String, _ promise: String, _ changes: [String: String], error: String, summary: Bool = false) -> Scenario {
        Scenario(
            name: name, promise: promise,
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf(changes)),
            expect: Expectation(
                status: 1, errors: [error], phases: [], nothingWritten: true, summary: summary,
                check: { outcome in
                    #expect(outcome.result.outputs.isEmpty, "outputs appear only when the whole step succeeded")
                    #expect(outcome.result.docker.invocations.isEmpty, "nothing ran")
                }))
    }

    /// A bot's branch whose name, as a tag, is longer than registries allow.
    static let longBranch = "dependabot/npm_and_yarn/" + String(repeating: "frontend-packages-", count: 6) + "webpack-5.94.0"

    /// Bad inputs (a few rows of the bad-input table) and missing credentials.
    static let badInputs: [Scenario] = [
        badInput("bad-platform", "a platform that does not exist is an input error naming the input and the valid value",
                 ["platforms": "linux/amd65,linux/arm64"], error: "::error::Input `platforms`: \"linux/amd65\" is not a known platform. Did you mean linux/amd64?"),
        badInput("retries-out-of-range", "retries takes 0-10", ["retries": "11"], error: "::error::Input `retries`: \"11\" is not a whole number from 0 to 10. Write a number like 3."),
        badInput("push-mode-unknown", "push takes auto, true or false", ["push": "maybe"], error: "::error::Input `push`: \"maybe\" is not auto, true or false. Use auto, true or false."),
        badInput("registry-auth-malformed", "malformed registry-auth YAML is an error that never prints the password",
                 ["registry-auth": "- registry: registry.example.com\n\tpassword: hunter2-secret"], error: "::error::Input `registry-auth`: \"***\" has a tab in the indentation on line 2. Indent with spaces only."),
        badInput("images-none-enabled", "images that are all disabled are an error (tags without an image would name Docker Hub's library/); the summary says so",
                 ["images": "name=ghcr.io/openimsdk/openkf-server,enable=false"], error: "::error::Input `images`: \"name=ghcr.io/openimsdk/openkf-server,enable=false\" names no enabled image. List the repositories to publish, one per line, like ghcr.io/openimsdk/openkf-server.", summary: true),
        badInput("webhook-over-plain-http", "notify-webhook must be https (http only to loopback)",
                 ["notify-webhook": "http://hooks.slack.com/services/T000/B000/XXXXsecret"], error: "::error::Input `notify-webhook`: \"***\" is http:// to a host that is not loopback. Use the chat's https:// incoming-webhook URL; plain http is accepted only for localhost, 127.0.0.0/8 and [::1]."),
        Scenario(
            name: "tag-that-no-registry-accepts",
            promise: "a tag no registry accepts (a bot's long branch name, 146 characters as a tag) stops the run before anything is built or pushed, naming the tag",
            job: ScenarioJob(event: .branch(longBranch), inputs: ScenarioJob.openkf(["tags": "type=ref,event=branch"])),
            expect: Expectation(
                status: 1,
                errors: ["::error::The tags input produced \"\(longBranch.replacingOccurrences(of: "/", with: "-"))\", which is not a valid tag: tags are 1 to 128 letters, digits, `_`, `.` or `-`, and do not start with `.` or `-`."],
                lines: ["::notice::Nothing was built or pushed. A long branch name or a raw value makes such tags: give this event type=sha or a shorter value, prefix or suffix (enable= can limit a rule to some branches)."],
                phases: [], nothingWritten: true,
                check: { outcome in
                    #expect(outcome.result.docker.builds.isEmpty, "nothing was built")
                    #expect(outcome.result.outputs.isEmpty)
                })),
        Scenario(
            name: "registry-auth-replaces-a-shortcut",
            promise: "a registry-auth entry replaces the shortcut inputs for the same registry, with a warning",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf([
                "dockerhub-password": "dckr_pat_OLD-revoked-0",
                "registry-auth": "- registry: docker.io\n  username: \(ScenarioJob.dockerHubUser)\n  password: '\(ScenarioJob.dockerHubPassword)'\n",
            ])),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(mainTags),
                lines: ["::warning::registry-auth: the entry for docker.io replaces the dockerhub-username/password inputs."], phases: publishing,
                check: { outcome in
                    let login = try #require(outcome.result.docker.invocations.first { $0.arguments.first == "login" && $0.arguments.last == "docker.io" })
                    #expect(login.input == ScenarioJob.dockerHubPassword)
                    // The replaced password is masked too, though it is never used or printed.
                    #expect(outcome.result.stdout.contains("::add-mask::dckr_pat_OLD-revoked-0"))
                })),
        Scenario(
            name: "missing-credentials-when-pushing",
            promise: "a registry without credentials is an error when pushing, naming the inputs to set; nothing is built or pushed",
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf(["dockerhub-username": "", "dockerhub-password": ""])),
            expect: Expectation(
                status: 1,
                errors: ["::error::No credentials for docker.io, which the images input pushes to. Set dockerhub-username and dockerhub-password, or a registry-auth entry (from secrets)."],
                phases: [], nothingWritten: true,
                check: { outcome in
                    #expect(outcome.result.docker.builds.isEmpty)
                    #expect(outcome.result.outputs.isEmpty)
                })),
    ]
}
