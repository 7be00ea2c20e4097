import DockerMetadata
import Testing

@testable import BuildActionCore

/// The plan of a run, before anything runs: targets, push decision, tags, logins, refusals.
@Suite("Job plan")
struct JobPlanTests {
    static func inputs(_ values: [String: String]) throws -> BuildActionInputs {
        var environment: [String: String] = [:]
        for (name, value) in values { environment[ActionInputReader.variableName(name)] = value }
        return try BuildActionInputs(environment: environment)
    }

    static func result(images: [String], tags: [String]) -> MetadataResult {
        MetadataResult(version: ImageVersion(main: tags.first, partial: Array(tags.dropFirst())), imageNames: images, flavor: Flavor(),
                       labels: [], annotations: [], annotationLevels: [], bakeTarget: "docker-metadata-action", warnings: [])
    }

    static let images = ["openim/openkf-server", "ghcr.io/openimsdk/openkf-server"]

    @Test func pushEventWithEveryCredential() throws {
        let inputs = try Self.inputs(["dockerhub-username": "u", "dockerhub-password": "p", "ghcr-username": "bot", "ghcr-password": "t"])
        let plan = try JobPlan(inputs: inputs, result: Self.result(images: Self.images, tags: ["1.2.3", "1.2"]), images: Self.images, eventName: "push")
        #expect(plan.targets.map(\.name) == Self.images)
        #expect(plan.targets.map(\.reference.registry) == ["docker.io", "ghcr.io"])
        #expect(plan.decision.push && plan.tagNames == ["1.2.3", "1.2"])
        #expect(plan.registries == ["docker.io", "ghcr.io"] && Set(plan.logins.keys) == ["docker.io", "ghcr.io"])
        #expect(plan.skippedLogins.isEmpty && plan.refusal == nil)
    }

    /// A pull request pushes nothing and needs no credentials: their logins are skipped.
    @Test func pullRequestSkipsMissingLogins() throws {
        let plan = try JobPlan(inputs: Self.inputs(["ghcr-username": "bot", "ghcr-password": "t"]), result: Self.result(images: Self.images, tags: ["pr-7"]),
                               images: Self.images, eventName: "pull_request")
        #expect(!plan.decision.push)
        #expect(plan.skippedLogins == ["docker.io"] && Array(plan.logins.keys) == ["ghcr.io"])
        #expect(plan.refusal == nil)
    }

    @Test func refusals() throws {
        let noTags = try JobPlan(inputs: Self.inputs(["ghcr-username": "bot", "ghcr-password": "t"]), result: Self.result(images: ["ghcr.io/o/r"], tags: []),
                                 images: ["ghcr.io/o/r"], eventName: "push")
        #expect(noTags.refusal == ActionError(.setup, "No tag was generated for this event, so there is nothing to push. Check the tags input (and flavor), or set push: false."))
        let missing = try JobPlan(inputs: Self.inputs([:]), result: Self.result(images: Self.images, tags: ["1.2.3"]), images: Self.images, eventName: "push")
        #expect(missing.refusal?.phase == .login)
        #expect(missing.refusal?.message == "No credentials for docker.io, which the images input pushes to. Set dockerhub-username and dockerhub-password, or a registry-auth entry (from secrets).")
    }

    /// A tag no registry accepts (a raw value with a branch's `/`, a `#`) stops the run before
    /// anything is built, on every event; in mode: platform no tag is put, so none is checked.
    @Test(arguments: ["feature/login", "a#b", ".hidden", "-x", String(repeating: "v", count: 129), "latest?x=1"])
    func invalidTagsAreRefused(_ tag: String) throws {
        let inputs = try Self.inputs(["ghcr-username": "bot", "ghcr-password": "t"])
        for event in ["push", "pull_request"] {
            let plan = try JobPlan(inputs: inputs, result: Self.result(images: ["ghcr.io/o/r"], tags: ["1.2.3", tag]), images: ["ghcr.io/o/r"], eventName: event)
            #expect(plan.refusal?.phase == .metadata)
            #expect(plan.refusal?.message == "The tags input produced \(InputError.quoted(tag)), which is not a valid tag: tags are 1 to 128 letters, digits, `_`, `.` or `-`, and do not start with `.` or `-`.")
            #expect(plan.tagNames == ["1.2.3"])
        }
        let platform = try JobPlan(inputs: Self.inputs(["ghcr-username": "bot", "ghcr-password": "t", "mode": "platform", "platforms": "linux/amd64"]),
                                   result: Self.result(images: ["ghcr.io/o/r"], tags: [tag]), images: ["ghcr.io/o/r"], eventName: "push")
        #expect(platform.refusal == nil && platform.tags.isEmpty)
    }

    @Test(arguments: ["latest", "1.2.3", "v1.2.3-rc.1", "sha-860c190", "_x", String(repeating: "v", count: 128), "main_2024.01"])
    func validTags(_ tag: String) {
        #expect(Tag(tag)?.description == tag)
    }

    /// mode: platform pushes by digest: no tags are put.
    @Test func platformModePutsNoTags() throws {
        let plan = try JobPlan(inputs: Self.inputs(["ghcr-username": "bot", "ghcr-password": "t", "mode": "platform", "platforms": "linux/arm64"]),
                               result: Self.result(images: ["ghcr.io/o/r"], tags: ["1.2.3"]), images: ["ghcr.io/o/r"], eventName: "push")
        #expect(plan.tagNames.isEmpty && plan.decision.push && plan.refusal == nil)
    }

    @Test func noEnabledImageIsAnInputError() throws {
        #expect(throws: InputError.self) {
            try JobPlan(inputs: Self.inputs([:]), result: Self.result(images: [], tags: ["1"]), images: ["name=x,enable=false"], eventName: "push")
        }
    }
}
