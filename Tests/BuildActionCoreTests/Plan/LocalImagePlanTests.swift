import Testing

@testable import BuildActionCore

@Suite("Smoke test and load: what goes into the engine")
struct LocalImagePlanTests {
    let both = try! PlatformList(parsing: "linux/amd64,linux/arm64")
    let tags = ["ghcr.io/o/app:1.2.3", "docker.io/o/app:1.2.3"]

    @Test func aScriptLoadsEveryPlatformUnderATestNameOnly() {
        let plan = LocalImagePlan(platforms: both, script: "true", load: false, tags: tags, host: .linuxAMD64, runID: "77")
        #expect(plan.loads.map(\.platform) == [.linuxAMD64, .linuxARM64])
        #expect(plan.loads.map(\.tags) == [["openkf-build-smoke:77-linux-amd64"], ["openkf-build-smoke:77-linux-arm64"]])
        #expect(plan.loads.map(\.temporaryTags) == plan.loads.map(\.tags))
        #expect(plan.loadedPlatform == nil)
    }

    @Test func loadWithAScriptLoadsTheHostPlatformOnceUnderBothNames() {
        let plan = LocalImagePlan(platforms: both, script: "true", load: true, tags: tags, host: .linuxARM64, runID: "77")
        #expect(plan.loadedPlatform == .linuxARM64)
        #expect(plan.loads.count == 2)
        #expect(plan.loads[1].tags == ["openkf-build-smoke:77-linux-arm64"] + tags)
        #expect(plan.loads[1].temporaryTags == ["openkf-build-smoke:77-linux-arm64"], "the load tags stay")
        #expect(plan.loads[0].tags == ["openkf-build-smoke:77-linux-amd64"])
    }

    @Test func loadAloneTakesTheHostOrElseTheFirstPlatform() throws {
        let plan = LocalImagePlan(platforms: both, script: nil, load: true, tags: tags, host: .linuxAMD64, runID: nil)
        #expect(plan.loads.map(\.platform) == [.linuxAMD64])
        #expect(plan.loads[0].tags == tags && plan.loads[0].testImage == nil && plan.loads[0].temporaryTags.isEmpty)
        let foreign = LocalImagePlan(platforms: try PlatformList(parsing: "linux/arm64,linux/arm/v7"), script: nil, load: true, tags: tags, host: .linuxAMD64, runID: nil)
        #expect(foreign.loadedPlatform == .linuxARM64)
        let untagged = LocalImagePlan(platforms: both, script: nil, load: true, tags: [], host: .linuxAMD64, runID: nil)
        #expect(untagged.loads[0].tags == ["openkf-build-smoke:local-linux-amd64"], "a run without tags still names what it loads")
    }

    @Test func nothingAskedLoadsNothing() {
        #expect(LocalImagePlan(platforms: both, script: nil, load: false, tags: tags, host: .linuxAMD64, runID: "1").isEmpty)
    }

    @Test func testNamesAreValidTagsWhateverTheRunID() {
        #expect(LocalImagePlan.testImage(platform: try! Platform(parsing: "linux/arm/v7", input: "platforms"), runID: "12") == "openkf-build-smoke:12-linux-arm-v7")
        #expect(LocalImagePlan.testImage(platform: .linuxAMD64, runID: "12; rm -rf /") == "openkf-build-smoke:local-linux-amd64")
    }

    @Test func theFailureNamesThePlatformTheStatusAndTheLines() {
        let error = LocalImagePlan.failure(platform: .linuxARM64, status: 3, lastLines: "a\nb")
        #expect(error.phase == .test)
        #expect(error.message == "The smoke test failed on linux/arm64 (exit status 3); nothing was pushed. Its last lines:\na\nb")
        #expect(error.hint?.contains("docker run --platform linux/arm64") == true)
    }

    /// The load is the build again from its cache: same sources and arguments, but nothing that
    /// would rebuild (pull, no-cache), export a cache or put what the engine cannot take.
    @Test func loadArgumentsReuseTheBuildAndDropWhatTheEngineCannotTake() throws {
        var plan = BuildPlan(contextPath: "/w/server", dockerfile: "/w/Dockerfile", platforms: both, tags: tags, labels: ["a=b"],
                             annotations: ["index:x=y"], buildArgs: try KeyValueList(parsing: "V=1", input: "build-args"), secretIDs: ["npm"],
                             target: "runtime", pull: true, noCache: true, provenance: "mode=max", sbom: "true",
                             cacheFrom: ["type=registry,ref=r/c"], cacheTo: ["type=registry,ref=r/c,mode=max"], push: true,
                             metadataFile: "/m.json", builder: "b1", layoutDirectory: "/oci")
        plan.sourceDateEpoch = 1_700_000_000
        let arguments = plan.loadArguments(platform: .linuxARM64, tags: ["t:1"], secretFiles: ["npm": "/s/npm"])
        #expect(arguments == ["buildx", "build", "--builder", "b1", "--platform", "linux/arm64", "--file", "/w/Dockerfile", "--tag", "t:1",
                              "--label", "a=b", "--build-arg", "V=1", "--build-arg", "SOURCE_DATE_EPOCH=1700000000", "--secret", "id=npm,src=/s/npm",
                              "--target", "runtime", "--provenance", "false", "--sbom", "false", "--cache-from", "type=registry,ref=r/c",
                              "--load", "/w/server"])
        let build = plan.buildxArguments(secretFiles: ["npm": "/s/npm"])
        #expect(!build.contains("--tag") && build.contains("--cache-to") && build.contains("--pull") && build.suffix(1) == ["/w/server"])
    }
}
