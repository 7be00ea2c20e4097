import Foundation
import Testing

@testable import BuildActionCore

@Suite("Cache, modes and remote builders: exact arguments")
struct CacheAndModeTests {
    @Test func registryCacheIsABuildcacheTagInTheFirstImage() {
        let args = CacheMode.registry.arguments(image: "ghcr.io/openimsdk/openkf-server", explicitFrom: [], explicitTo: [])
        #expect(args.from == ["type=registry,ref=ghcr.io/openimsdk/openkf-server:buildcache"])
        #expect(args.to == ["type=registry,ref=ghcr.io/openimsdk/openkf-server:buildcache,mode=max,image-manifest=true,oci-mediatypes=true"])
    }

    @Test func ghaCacheIsScopedPerImageWithVersion2() {
        let args = CacheMode.gha.arguments(image: "docker.io/openim/openkf-server", explicitFrom: [], explicitTo: [])
        #expect(args.from == ["type=gha,scope=docker.io-openim-openkf-server,version=2"])
        #expect(args.to == ["type=gha,scope=docker.io-openim-openkf-server,mode=max,version=2"])
    }

    /// mode: platform runs one job per platform: each keeps its own cache (they used to share
    /// one key and overwrite each other).
    @Test func eachPlatformJobHasItsOwnCacheKey() throws {
        let arm = try Platform(parsing: "linux/arm64"), armV7 = try Platform(parsing: "linux/arm/v7")
        let registry = CacheMode.registry.arguments(image: "ghcr.io/a/b", platform: arm, explicitFrom: [], explicitTo: [])
        #expect(registry.from == ["type=registry,ref=ghcr.io/a/b:buildcache-linux-arm64"])
        #expect(registry.to == ["type=registry,ref=ghcr.io/a/b:buildcache-linux-arm64,mode=max,image-manifest=true,oci-mediatypes=true"])
        let gha = CacheMode.gha.arguments(image: "ghcr.io/a/b", platform: armV7, explicitFrom: [], explicitTo: [])
        #expect(gha.from == ["type=gha,scope=ghcr.io-a-b-linux-arm-v7,version=2"])
        let amd = CacheMode.gha.arguments(image: "ghcr.io/a/b", platform: try Platform(parsing: "linux/amd64"), explicitFrom: [], explicitTo: [])
        #expect(Set(gha.to).isDisjoint(with: amd.to) && Tag("buildcache-linux-arm-v7") != nil)
    }

    /// A type=local cache outside the directories the runner mounts is thrown away with the
    /// action's container: a warning says so and what to use.
    @Test func localCachesInsideTheContainerAreWarnedAbout() {
        let kept = ["/github/workspace", "/github/home", "/home/runner/work/_temp"]
        let warnings = CacheMode.containerLocalWarnings(
            from: ["type=local,src=/tmp/.buildx-cache", "type=local,src=/home/runner/work/_temp/cache", "type=gha"],
            to: ["type=local,dest=/tmp/.buildx-cache-new,mode=max", "type=local,dest=.buildx-cache", "type=local,dest=/github/workspace/c"], kept: kept)
        #expect(warnings == [
            "cache-from: type=local,src=/tmp/.buildx-cache is inside the action's container, which is removed when the step ends, so this cache is never there. Use cache: gha or cache: registry, or a directory under $RUNNER_TEMP or the workspace kept with actions/cache.",
            "cache-to: type=local,dest=/tmp/.buildx-cache-new,mode=max is inside the action's container, which is removed when the step ends, so this cache is lost. Use cache: gha or cache: registry, or a directory under $RUNNER_TEMP or the workspace kept with actions/cache.",
        ])
        #expect(CacheMode.containerLocalWarnings(from: ["type=local,src=/github/workspaceX/c"], to: [], kept: kept).count == 1, "a sibling is not inside")
    }

    @Test func explicitInputsWinAndNoneAddsNothing() {
        let args = CacheMode.gha.arguments(image: "ghcr.io/a/b", explicitFrom: ["type=local,src=/c"], explicitTo: [])
        #expect(args.from == ["type=local,src=/c"])
        #expect(args.to == ["type=gha,scope=ghcr.io-a-b,mode=max,version=2"])
        let none = CacheMode.none.arguments(image: "ghcr.io/a/b", explicitFrom: [], explicitTo: [])
        #expect(none.from.isEmpty && none.to.isEmpty)
    }

    @Test func aPullRequestExportsNoCache() throws {
        let cache = CacheMode.registry.arguments(image: "ghcr.io/a/b", explicitFrom: [], explicitTo: [])
        let plan = BuildPlan(contextPath: "/w", platforms: try PlatformList(parsing: "linux/amd64"), tags: [],
                             buildArgs: try KeyValueList(parsing: "", input: "build-args"), cacheFrom: cache.from, cacheTo: cache.to,
                             push: false, metadataFile: "/m.json")
        let arguments = plan.buildxArguments(secretFiles: [:])
        #expect(arguments.contains("--cache-from"))
        #expect(!arguments.contains("--cache-to"))
    }

    @Test(arguments: [("", CacheMode.none), ("Registry", .registry), (" gha ", .gha), ("none", .none)])
    func parsesCache(_ text: String, _ mode: CacheMode) throws { #expect(try CacheMode.parse(text) == mode) }

    @Test(arguments: [("", BuildMode.build), ("platform", .platform), ("MERGE", .merge)])
    func parsesMode(_ text: String, _ mode: BuildMode) throws { #expect(try BuildMode.parse(text) == mode) }

    @Test func badCacheAndModeNameTheInput() {
        #expect(throws: InputError.self) { try CacheMode.parse("s3") }
        #expect(throws: InputError.self) { try BuildMode.parse("matrix") }
    }

    @Test func remoteBuilderArguments() throws {
        let choice = try #require(try BuilderChoice.remote(endpoint: " tcp://buildkitd.example.com:1234 ", runID: "77"))
        #expect(choice.createArguments(buildkitImage: "ignored") == ["buildx", "create", "--name", "openkf-build-remote-77", "--driver", "remote", "tcp://buildkitd.example.com:1234", "--bootstrap"])
        #expect(choice.buildName == "openkf-build-remote-77")
        #expect(choice.removeArguments == ["buildx", "rm", "--force", "openkf-build-remote-77"])
        #expect(try BuilderChoice.remote(endpoint: "", runID: "1") == nil)
        #expect(throws: InputError.self) { try BuilderChoice.remote(endpoint: "buildkitd:1234", runID: "1") }
    }

    @Test func platformModeNeedsExactlyOnePlatform() {
        let environment = ["INPUT_MODE": "platform", "INPUT_PLATFORMS": "linux/amd64,linux/arm64", "GITHUB_ACTOR": "a"]
        do {
            _ = try BuildActionInputs(environment: environment)
            Issue.record("two platforms were accepted in mode: platform")
        } catch {
            #expect(error.description.hasPrefix("Input `platforms`: \"linux/amd64,linux/arm64\" names 2 platforms for mode: platform."))
        }
    }

    @Test func composesAnIndexFromPlatformParts() throws {
        let amd = PushableImageTests.amd64, arm = PushableImageTests.arm64
        let armIndex = Data(("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
            + PushableImageTests.entry(arm, platform: ("linux", "arm64")) + ","
            + PushableImageTests.entry(PushableImageTests.attestation, platform: ("unknown", "unknown"), attestationFor: Digest.sha256(of: arm)) + "]}").utf8)
        let parts = [
            IndexComposer.Part(digest: Digest.sha256(of: amd), mediaType: "application/vnd.oci.image.manifest.v1+json", data: amd, platform: "linux/amd64"),
            IndexComposer.Part(digest: Digest.sha256(of: armIndex), mediaType: "application/vnd.oci.image.index.v1+json", data: armIndex, platform: "linux/arm64"),
        ]
        let full = try ImageManifest(parsing: IndexComposer.compose(parts, annotations: ["org.opencontainers.image.version=2.0.0"], attestations: true), headerType: nil)
        #expect(full.isIndex)
        #expect(full.platforms == ["linux/amd64", "linux/arm64"])
        #expect(full.entries.map(\.digest) == [Digest.sha256(of: amd), Digest.sha256(of: arm), Digest.sha256(of: PushableImageTests.attestation)])
        #expect(full.annotations == ["org.opencontainers.image.version": "2.0.0"])
        let plain = try ImageManifest(parsing: IndexComposer.compose(parts, annotations: [], attestations: false), headerType: nil)
        #expect(plain.entries.map(\.digest) == [Digest.sha256(of: amd), Digest.sha256(of: arm)])
    }

    @Test func smokeTestAndLoadAreReadAndMergeModeSaysItIgnoresThem() throws {
        let inputs = try BuildActionInputs(environment: ["INPUT_SMOKE-TEST": "docker run --rm \"$IMAGE\"\n", "INPUT_LOAD": "true"])
        #expect(inputs.smokeTest == "docker run --rm \"$IMAGE\"" && inputs.load, "trimmed, as every input")
        #expect(inputs.modeWarnings.isEmpty)
        #expect(try BuildActionInputs(environment: ["INPUT_SMOKE-TEST": " \n"]).smokeTest == nil, "a blank script is no script")
        let merge = try BuildActionInputs(environment: ["INPUT_SMOKE-TEST": "true", "INPUT_LOAD": "true", "INPUT_MODE": "merge"])
        #expect(merge.modeWarnings == ["smoke-test has no effect in mode: merge, which builds nothing: give it to the platform jobs.",
                                       "load has no effect in mode: merge, which builds nothing: give it to the platform jobs."])
        #expect(throws: InputError.self) { try BuildActionInputs(environment: ["INPUT_LOAD": "yes please"]) }
    }
}
