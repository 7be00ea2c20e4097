import Testing

@testable import BuildActionCore

@Suite("Build plan and push decision")
struct BuildPlanTests {
    @Test(arguments: [
        (PushMode.auto, "push", false, true),
        (.auto, "schedule", false, true),
        (.auto, "workflow_dispatch", false, true),
        (.auto, "pull_request", false, false),
        (.auto, "pull_request_target", false, false),
        (.auto, "pull_request_review", false, false),
        (.auto, "pull_request_review_comment", false, false),
        (.auto, "merge_group", false, false),
        (.auto, "workflow_run", false, false),
        (.auto, "issue_comment", false, false),
        (.auto, "pull_request", true, false),
        (.always, "workflow_run", false, true),
        (.always, "issue_comment", false, true),
        (.never, "push", false, false),
        (.always, "push", false, true),
        (.always, "pull_request", true, true),
    ])
    func pushDecision(_ mode: PushMode, _ event: String, _ allow: Bool, _ pushes: Bool) throws {
        let decision = try PushDecision.decide(mode: mode, eventName: event, allowPullRequestPush: allow)
        #expect(decision.push == pushes)
        #expect(!decision.reason.isEmpty)
    }

    /// workflow_run and issue_comment usually build a pull request's code (a workflow_run after
    /// a fork's CI, a /build comment) without being pull-request events: auto does not push, and
    /// says how to publish on purpose.
    @Test(arguments: ["workflow_run", "issue_comment"])
    func pullRequestCodeEventsAreBuiltNotPushed(_ event: String) throws {
        let decision = try PushDecision.decide(mode: .auto, eventName: event, allowPullRequestPush: false)
        #expect(!decision.push)
        #expect(decision.reason.contains(event) && decision.reason.contains("push: true"), "\(decision.reason)")
        #expect(PushDecision.isPullRequestCodeEvent(event))
        #expect(try PushDecision.decide(mode: .always, eventName: event, allowPullRequestPush: false).push)
    }

    @Test(arguments: ["pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment", "merge_group"])
    func pushTrueOnPullRequestNeedsOptIn(_ event: String) {
        do {
            _ = try PushDecision.decide(mode: .always, eventName: event, allowPullRequestPush: false)
            Issue.record("push: true was accepted on \(event)")
        } catch {
            #expect(error.input == "push")
            #expect(error.description.contains("allow-pull-request-push: true"))
        }
    }

    static func plan(push: Bool) throws -> BuildPlan {
        BuildPlan(
            contextPath: "/github/workspace/examples", dockerfile: "/github/workspace/examples/Dockerfile",
            platforms: try PlatformList(parsing: "linux/amd64,linux/arm64"),
            tags: ["openim/openkf-server:1.2.3", "ghcr.io/openimsdk/openkf-server:1.2.3"],
            labels: ["org.opencontainers.image.version=1.2.3"],
            annotations: ["manifest:org.opencontainers.image.version=1.2.3"],
            buildArgs: try KeyValueList(parsing: "GO_VERSION=1.22\nFLAGS=a,b", input: "build-args"),
            secretIDs: ["npmrc"], target: "runtime", pull: true, noCache: false, provenance: "mode=max", sbom: "true",
            cacheFrom: ["type=registry,ref=ghcr.io/openimsdk/openkf-server:buildcache"],
            cacheTo: ["type=registry,ref=ghcr.io/openimsdk/openkf-server:buildcache,mode=max"],
            push: push, metadataFile: "/tmp/okf/metadata.json", builder: nil)
    }

    @Test func pushingBuildArguments() throws {
        #expect(try Self.plan(push: true).buildxArguments(secretFiles: ["npmrc": "/tmp/okf/secrets/npmrc"]) == [
            "buildx", "build", "--platform", "linux/amd64,linux/arm64", "--file", "/github/workspace/examples/Dockerfile",
            "--tag", "openim/openkf-server:1.2.3", "--tag", "ghcr.io/openimsdk/openkf-server:1.2.3",
            "--label", "org.opencontainers.image.version=1.2.3",
            "--annotation", "manifest:org.opencontainers.image.version=1.2.3",
            "--build-arg", "GO_VERSION=1.22", "--build-arg", "FLAGS=a,b",
            "--secret", "id=npmrc,src=/tmp/okf/secrets/npmrc",
            "--target", "runtime", "--pull", "--provenance", "mode=max", "--sbom", "true",
            "--cache-from", "type=registry,ref=ghcr.io/openimsdk/openkf-server:buildcache",
            "--cache-to", "type=registry,ref=ghcr.io/openimsdk/openkf-server:buildcache,mode=max",
            "--metadata-file", "/tmp/okf/metadata.json", "--push", "/github/workspace/examples",
        ])
    }

    @Test func publishingWritesAnOCILayoutInsteadOfPushing() throws {
        var plan = try Self.plan(push: true)
        plan.layoutDirectory = "/github/home/.openkf-build/docker-config-x/oci"
        let arguments = plan.buildxArguments(secretFiles: [:])
        #expect(!arguments.contains("--push"))
        #expect(!arguments.contains("--tag"))
        #expect(arguments.contains("--cache-to"))
        #expect(arguments.suffix(3) == ["--output", "type=oci,dest=/github/home/.openkf-build/docker-config-x/oci,tar=false", "/github/workspace/examples"])
        var validating = try Self.plan(push: false)
        validating.layoutDirectory = "/x"
        #expect(validating.buildxArguments(secretFiles: [:]).suffix(3) == ["--output", "type=cacheonly", "/github/workspace/examples"])
    }

    @Test func sourceDateEpochUnlessTheBuildArgsSetIt() throws {
        var plan = try Self.plan(push: true)
        plan.sourceDateEpoch = 1_730_794_811
        #expect(plan.buildxArguments(secretFiles: [:]).contains("SOURCE_DATE_EPOCH=1730794811"))
        // and the layers' file times with it, so that a rebuild without cache is the same image
        plan.layoutDirectory = "/l"
        #expect(plan.buildxArguments(secretFiles: [:]).suffix(2).first == "type=oci,dest=/l,tar=false,rewrite-timestamp=true")
        plan.buildArgs = try KeyValueList(parsing: "SOURCE_DATE_EPOCH=0", input: "build-args")
        let arguments = plan.buildxArguments(secretFiles: [:])
        #expect(arguments.filter { $0.hasPrefix("SOURCE_DATE_EPOCH=") } == ["SOURCE_DATE_EPOCH=0"])
    }

    @Test func validatingBuildPushesNothingNotEvenCache() throws {
        let arguments = try Self.plan(push: false).buildxArguments(secretFiles: ["npmrc": "/tmp/okf/secrets/npmrc"])
        #expect(!arguments.contains("--push"))
        #expect(!arguments.contains("--cache-to"))
        #expect(arguments.suffix(3) == ["--output", "type=cacheonly", "/github/workspace/examples"])
        #expect(arguments.contains("--cache-from"))
    }

    @Test func secretValuesNeverInArguments() throws {
        var plan = try Self.plan(push: true)
        plan.secretIDs = ["token"]
        let arguments = plan.buildxArguments(secretFiles: ["token": "/run/okf/token"])
        #expect(arguments.contains("id=token,src=/run/okf/token"))
        #expect(plan.buildxArguments(secretFiles: [:]).allSatisfy { !$0.hasPrefix("id=") })
    }
}
