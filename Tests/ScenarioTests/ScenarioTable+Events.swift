import Foundation
import Testing

extension ScenarioTable {
    /// Events and push rules: the README's tag table (examples/openkf.yml) and `push`.
    static let events: [Scenario] = [
        Scenario(
            name: "release-tag-to-three-registries",
            promise: "tag v1.2.3: 1.2.3, v1.2.3, 1.2, 1, sha-860c190 pushed to Docker Hub, ACR and GHCR, verified; ACR without attestations",
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                outputs: ["pushed": "true", "version": "1.2.3", "tag-names": "1.2.3\nv1.2.3\n1.2\n1\nsha-860c190",
                          "tags": tagsOutput(["1.2.3", "v1.2.3", "1.2", "1", "sha-860c190"]),
                          "log-file": ".openkf-build/build-log.jsonl", "digest-file": ""],
                publications: allPublished, registryTags: everywhere(releaseTags),
                lines: ["::notice::push event: images are pushed"], phases: publishing, retries: 0,
                check: { outcome in
                    try sameIndexEverywhere(outcome)
                    // one build for both platforms, into an OCI layout the action pushes itself
                    let builds = outcome.result.docker.builds
                    #expect(builds.count == 1)
                    #expect(builds.first?.arguments.platforms == ["linux/amd64", "linux/arm64"])
                    #expect(builds.first?.arguments.outputs.first?.hasPrefix("type=oci,dest=") == true)
                    #expect(builds.first?.arguments.tags == [], "tags are the action's to push, not buildx's")
                    #expect(builds.first?.arguments.push == false)
                    // reproducible: SOURCE_DATE_EPOCH and the created label are the commit's time
                    #expect(builds.first?.arguments.buildArg("SOURCE_DATE_EPOCH") == "1793347200")
                    #expect(builds.first?.arguments.labels.contains("org.opencontainers.image.created=2026-10-30T08:00:00.000Z") == true)
                    #expect(builds.first?.arguments.labels.contains("org.opencontainers.image.version=1.2.3") == true)
                    // Docker Hub counts manifest GETs against the pull limit: the release check and
                    // the verification read tags with HEAD only
                    let hub = outcome.requests.filter { $0.target.hasPrefix("/v2/openim/openkf-server/manifests/") }
                    #expect(!hub.contains { $0.method == "GET" })
                    #expect(hub.filter { $0.method == "HEAD" && $0.status == 200 }.count == 5, "each tag verified")
                    // the OCI labels carry the repository facts from GitHub's API
                    let labels = (outcome.result.outputs["labels"] ?? "").split(separator: "\n").map(String.init)
                    #expect(labels.contains("org.opencontainers.image.source=https://github.com/openimsdk/openkf"))
                    #expect(labels.contains("org.opencontainers.image.description=OpenKF, an open-source customer service system"))
                    #expect(labels.contains("org.opencontainers.image.licenses=Apache-2.0"))
                    #expect(labels.contains("org.opencontainers.image.revision=\(ScenarioEvent.sha)"))
                    // bake definitions in the runner's temporary directory
                    let runnerTemp = try #require(outcome.result.environment["RUNNER_TEMP"])
                    for name in ["bake-file", "bake-file-tags", "bake-file-labels", "bake-file-annotations"] {
                        let path = try #require(outcome.result.outputs[name])
                        #expect(path.hasPrefix(runnerTemp + "/") && FileManager.default.fileExists(atPath: path), "\(name): \(path)")
                    }
                })),
        Scenario(
            name: "source-date-epoch-wins",
            promise: "a SOURCE_DATE_EPOCH set by the workflow is the build's time and the created label, instead of the commit's",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf, environment: ["SOURCE_DATE_EPOCH": "1700000000"],
                             clock: Date(timeIntervalSince1970: 1_700_000_000)),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(mainTags), phases: publishing,
                check: { outcome in
                    let build = try #require(outcome.result.docker.builds.first)
                    #expect(build.arguments.buildArg("SOURCE_DATE_EPOCH") == "1700000000")
                    #expect(build.arguments.labels.contains("org.opencontainers.image.created=2023-11-14T22:13:20.000Z"))
                })),
        Scenario(
            name: "push-to-main",
            promise: "push to main: main, latest (type=raw,value=latest,enable={{is_default_branch}}), sha-860c190",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                outputs: ["pushed": "true", "version": "main", "tag-names": "main\nlatest\nsha-860c190"],
                publications: allPublished, registryTags: everywhere(mainTags), phases: publishing, check: sameIndexEverywhere)),
        Scenario(
            // docker/metadata-action's rules (which the engine follows, conformance-tested) give
            // main and latest on a schedule of main too: type=ref,event=branch reads GITHUB_REF,
            // and is_default_branch is true there. The README's table says so.
            name: "nightly-schedule",
            promise: "nightly schedule: nightly and sha-860c190 (plus main and latest from the branch rules, as metadata-action gives them)",
            job: ScenarioJob(event: .schedule, inputs: ScenarioJob.openkf),
            expect: Expectation(
                outputs: ["pushed": "true", "tag-names": "nightly\nmain\nlatest\nsha-860c190"],
                publications: allPublished, registryTags: everywhere(["nightly", "main", "latest", "sha-860c190"]), phases: publishing,
                check: { outcome in
                    // no commit in a schedule's payload: its date comes from the commits API
                    #expect(outcome.world.network.github.requests.contains { $0.target == "/repos/openimsdk/openkf/commits/\(ScenarioEvent.sha)" })
                    #expect(outcome.result.docker.builds.first?.arguments.buildArg("SOURCE_DATE_EPOCH") == "1793347200")
                })),
        Scenario(
            name: "pull-request-builds-pushes-nothing",
            // The README's table lists only pr-42; type=sha applies to pull requests too (as in
            // docker/metadata-action), so sha-860c190 is computed as well (and pushes nowhere).
            promise: "pull request #42: pr-42 (and sha-860c190); both platforms are built, nothing is pushed",
            job: ScenarioJob(event: .pullRequest(42), inputs: ScenarioJob.openkf),
            expect: Expectation(
                outputs: ["pushed": "false", "tag-names": "pr-42\nsha-860c190", "digest": "", "registries": "{}", "version": "pr-42"],
                publications: [:], registryTags: everywhere([]),
                lines: ["::notice::pull_request event: images are built to validate the Dockerfile, nothing is pushed"],
                phases: logins + ["emulation 0", "builder 0", "build 0"], nothingWritten: true,
                check: { outcome in
                    #expect(outcome.requests.isEmpty, "no registry request at all on a pull request")
                    let build = try #require(outcome.result.docker.builds.first)
                    #expect(build.arguments.platforms == ["linux/amd64", "linux/arm64"])
                    #expect(build.arguments.outputs == ["type=cacheonly"])
                    #expect(build.arguments.cacheTo.isEmpty)
                })),
        Scenario(
            name: "pull-request-target-pushes-nothing-without-logins",
            promise: "pull_request_target pushes nothing, and needs no credentials (a missing one is a notice)",
            job: ScenarioJob(event: .pullRequest(42, event: "pull_request_target"),
                             inputs: ScenarioJob.openkf(["dockerhub-username": "", "dockerhub-password": "", "aliyun-username": "", "aliyun-password": ""])),
            expect: Expectation(
                outputs: ["pushed": "false", "tag-names": "pr-42\nsha-860c190"], publications: [:], registryTags: everywhere([]),
                lines: ["::notice::pull_request_target event: images are built to validate the Dockerfile, nothing is pushed",
                        "::notice::No credentials for docker.io: skipping its login (nothing is pushed on this event).",
                        "::notice::No credentials for registry.cn-hangzhou.aliyuncs.com: skipping its login (nothing is pushed on this event)."],
                phases: ["login 0 ghcr.io", "emulation 0", "builder 0", "build 0"], nothingWritten: true)),
        Scenario(
            name: "fork-pull-request-with-empty-secrets",
            promise: "fork pull request: empty passwords skip their logins with a warning; built, nothing pushed",
            job: ScenarioJob(event: .pullRequest(7, fork: true),
                             inputs: ScenarioJob.openkf(["dockerhub-password": "", "aliyun-username": "", "aliyun-password": ""])),
            expect: Expectation(
                outputs: ["pushed": "false", "tag-names": "pr-7\nsha-860c190"], publications: [:], registryTags: everywhere([]),
                lines: ["::warning::`dockerhub-password` is empty, so the login to docker.io is skipped (secrets are empty in pull requests from forks).",
                        "::notice::No credentials for docker.io: skipping its login (nothing is pushed on this event)."],
                phases: ["login 0 ghcr.io", "emulation 0", "builder 0", "build 0"], nothingWritten: true)),
        Scenario(
            name: "merge-group-pushes-nothing",
            promise: "merge_group is a pull-request event: built, nothing pushed",
            job: ScenarioJob(event: ScenarioEvent(name: "merge_group", ref: "refs/heads/gh-readonly-queue/main/pr-42-0a1b2c3d",
                                                  payload: #"{"action":"checks_requested","merge_group":{"head_sha":"\#(ScenarioEvent.sha)","base_ref":"refs/heads/main"}}"#),
                             inputs: ScenarioJob.openkf),
            expect: Expectation(
                outputs: ["pushed": "false"], publications: [:], registryTags: everywhere([]),
                lines: ["::notice::merge_group event: images are built to validate the Dockerfile, nothing is pushed"],
                phases: logins + ["emulation 0", "builder 0", "build 0"], nothingWritten: true)),
        Scenario(
            name: "workflow-run-builds-pushes-nothing",
            promise: "workflow_run under push: auto: built from the run's ref, not pushed, no logins needed",
            job: ScenarioJob(event: .workflowRun, inputs: ScenarioJob.openkf(["dockerhub-username": "", "dockerhub-password": "", "aliyun-username": "", "aliyun-password": ""])),
            expect: Expectation(
                outputs: ["pushed": "false", "tag-names": "main\nlatest\nsha-860c190"], publications: [:], registryTags: everywhere([]),
                lines: ["::notice::workflow_run event, which usually builds pull-request code: images are built, nothing is pushed (set push: true to publish on this event)"],
                phases: ["login 0 ghcr.io", "emulation 0", "builder 0", "build 0"], nothingWritten: true)),
        Scenario(
            name: "issue-comment-builds-pushes-nothing",
            promise: "issue_comment under push: auto: built, not pushed",
            job: ScenarioJob(event: .issueComment, inputs: ScenarioJob.openkf),
            expect: Expectation(
                outputs: ["pushed": "false", "tag-names": "main\nlatest\nsha-860c190"], publications: [:], registryTags: everywhere([]),
                lines: ["::notice::issue_comment event, which usually builds pull-request code: images are built, nothing is pushed (set push: true to publish on this event)"],
                phases: logins + ["emulation 0", "builder 0", "build 0"], nothingWritten: true)),
        Scenario(
            name: "workflow-run-with-push-true-publishes",
            promise: "workflow_run with push: true publishes (without allow-pull-request-push)",
            job: ScenarioJob(event: .workflowRun, inputs: ScenarioJob.openkf(["push": "true"])),
            expect: Expectation(
                outputs: ["pushed": "true", "tag-names": "main\nlatest\nsha-860c190"], publications: allPublished, registryTags: everywhere(mainTags),
                lines: ["::notice::push is true: images are pushed"], phases: publishing)),
        Scenario(
            name: "push-false-builds-only",
            promise: "push: false builds and pushes nothing, even on a tag",
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf(["push": "false"])),
            expect: Expectation(
                outputs: ["pushed": "false", "digest": "", "registries": "{}"], publications: [:], registryTags: everywhere([]),
                lines: ["::notice::push is false: images are built, nothing is pushed"],
                phases: logins + ["emulation 0", "builder 0", "build 0"], nothingWritten: true)),
        Scenario(
            name: "pull-request-with-push-true-is-refused",
            promise: "push: true on a pull request is an error unless allow-pull-request-push: true",
            job: ScenarioJob(event: .pullRequest(42), inputs: ScenarioJob.openkf(["push": "true"])),
            expect: Expectation(
                status: 1,
                errors: ["::error::Input `push`: \"true\" would publish images for a pull_request event, which forks can trigger. Remove push: true (pull requests are then built, not pushed), or also set allow-pull-request-push: true to publish pull-request images on purpose."],
                phases: [], nothingWritten: true,
                check: { outcome in
                    #expect(outcome.result.outputs.isEmpty, "no outputs on failure")
                    #expect(outcome.result.docker.invocations.isEmpty, "nothing ran")
                })),
        Scenario(
            name: "pull-request-with-push-and-opt-in-publishes",
            promise: "push: true with allow-pull-request-push: true publishes pull-request images on purpose",
            job: ScenarioJob(event: .pullRequest(42), inputs: ScenarioJob.openkf(["push": "true", "allow-pull-request-push": "true"])),
            expect: Expectation(
                outputs: ["pushed": "true", "tag-names": "pr-42\nsha-860c190"], publications: allPublished, registryTags: everywhere(["pr-42", "sha-860c190"]),
                lines: ["::notice::push and allow-pull-request-push are true: pull-request images are pushed"], phases: publishing)),
        Scenario(
            name: "no-tag-for-the-event",
            promise: "a pushing event without any tag is an error (nothing to push), before any login or build",
            job: ScenarioJob(event: .branch("feature/chat"), inputs: ScenarioJob.openkf(["tags": "type=semver,pattern={{version}}"])),
            expect: Expectation(
                status: 1,
                errors: ["::error::No tag was generated for this event, so there is nothing to push. Check the tags input (and flavor), or set push: false."],
                phases: [], nothingWritten: true,
                check: { outcome in #expect(outcome.result.docker.invocations.isEmpty) })),
    ]
}
