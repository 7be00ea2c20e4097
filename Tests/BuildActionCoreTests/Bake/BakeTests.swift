import Foundation
import JavaScriptCompat
import Testing

@testable import BuildActionCore

@Suite("Bake: the definition, each target's images, the build file")
struct BakeTests {
    /// What buildx 0.13 prints for a group of two targets, one using a third as its context.
    static let printed = Data("""
        {
          "group": {"default": {"targets": ["apps", "bot"]}, "apps": {"targets": ["server", "web"]}},
          "target": {
            "base": {"context": "base", "dockerfile": "Dockerfile"},
            "server": {"context": "server", "dockerfile": "Dockerfile", "args": {"VERSION": "dev"}, "tags": ["x/server:latest"],
                       "labels": {"org.opencontainers.image.title": "mine", "team": "im"}, "cache-from": ["type=local,src=/c"]},
            "web": {"context": "web", "contexts": {"base": "target:base"}, "dockerfile": "Dockerfile", "platforms": ["linux/amd64"],
                    "secret": ["id=npm,env=NPM"], "attest": ["type=provenance,mode=min"]},
            "bot": {"context": ".", "dockerfile": "bot.Dockerfile", "output": ["type=registry"]}
          }
        }
        """.utf8)

    @Test func publishedTargetsExpandGroupsInOrderAndLeaveContextTargetsOut() throws {
        let definition = try BakeDefinition(printed: Self.printed, files: "docker-bake.hcl")
        #expect(definition.publishedTargets == ["server", "web", "bot"])
        #expect(definition.platforms(of: "web") == ["linux/amd64"])
        #expect(definition.platforms(of: "server") == nil)
    }

    @Test func printWithoutJSONIsAnErrorNamingTheInput() {
        #expect(throws: InputError.self) { try BakeDefinition(printed: Data("ERROR: failed".utf8), files: "x.hcl") }
        do {
            _ = try BakeDefinition(printed: Data("[1]".utf8), files: "x.hcl")
        } catch {
            #expect(error.description.hasPrefix("Input `bake-files`: \"x.hcl\""))
        }
    }

    @Test func eachTargetGetsItsImagesWithTheirNameInPlaceOfThePlaceholder() throws {
        let images = try TargetImages(imageNames: ["ghcr.io/openimsdk/openkf-{target}", "openim/openkf-{target}"], targets: ["server", "Web"], imagesInput: "…")
        #expect(images.groups == [.init(target: "server", images: ["ghcr.io/openimsdk/openkf-server", "openim/openkf-server"]),
                                  .init(target: "Web", images: ["ghcr.io/openimsdk/openkf-web", "openim/openkf-web"])])
        #expect(images.target(of: "openim/openkf-web") == "Web")
        #expect(images.allImages.count == 4)
        let one = try TargetImages(imageNames: ["ghcr.io/o/app"], targets: ["app"], imagesInput: "ghcr.io/o/app")
        #expect(one.allImages == ["ghcr.io/o/app"], "one target needs no placeholder")
    }

    @Test func severalTargetsUnderOneNameAreRefused() {
        do {
            _ = try TargetImages(imageNames: ["ghcr.io/o/app-{target}", "openim/app"], targets: ["a", "b"], imagesInput: "ghcr.io/o/app-{target}\nopenim/app")
            Issue.record("several targets under openim/app must be refused")
        } catch {
            #expect(error.input == "images")
            #expect(error.description.contains("names openim/app for 2 bake targets (a, b)") && error.description.contains("Put {target} in every image name"))
        }
        #expect(throws: InputError.self) { try TargetImages(imageNames: ["x/{target}"], targets: [], imagesInput: "x/{target}") }
        #expect(TargetImages.placeholderWithoutBake(imagesInput: "x/{target}").description.contains("Set bake-files"))
    }

    func file(push: Bool, explicit: String? = nil, configure: (inout BakeBuildFile.Options) -> Void = { _ in }) throws -> BakeBuildFile {
        var options = BakeBuildFile.Options(defaultPlatforms: try PlatformList(parsing: "linux/amd64,linux/arm64"), push: push) { "/private/oci/" + $0 }
        options.platforms = try explicit.map { try PlatformList(parsing: $0) }
        configure(&options)
        return BakeBuildFile(definition: try BakeDefinition(printed: Self.printed, files: "f"), targets: ["server", "web", "bot"], options: options)
    }

    func target(_ json: JSONText, _ name: String) throws -> JSONValue {
        try #require(try JSONValue(parsing: Data(json.compact.utf8))["target"]?[name])
    }

    @Test func publishedTargetsGoToTheirLayoutsWithTheActionsMetadataAndNoTags() throws {
        let build = try file(push: true) { options in
            options.labels = ["org.opencontainers.image.title": "openkf", "org.opencontainers.image.revision": "860c190"].map { "\($0.key)=\($0.value)" }.sorted()
            options.annotations = ["index:org.opencontainers.image.version=1.2.3"]
            options.buildArgs = [("VERSION", "1.2.3")]
            options.sourceDateEpoch = 1_700_000_000
            options.secretFiles = [("token", "/private/secret-token")]
            options.provenance = "mode=max"
            options.cache = { ([ "type=registry,ref=r/\($0):buildcache"], ["type=registry,ref=r/\($0):buildcache,mode=max"]) }
        }
        let server = try target(build.json, "server")
        #expect(server["tags"] == nil, "the tag rules name the images")
        #expect(server["output"] == .array([.string("type=oci,dest=/private/oci/server,tar=false,rewrite-timestamp=true")]))
        #expect(server["platforms"] == .array([.string("linux/amd64"), .string("linux/arm64")]))
        #expect(server["labels"]?["org.opencontainers.image.title"]?.stringValue == "openkf", "the metadata's labels win")
        #expect(server["labels"]?["team"]?.stringValue == "im", "the file's other labels stay")
        #expect(server["args"]?["VERSION"]?.stringValue == "1.2.3" && server["args"]?["SOURCE_DATE_EPOCH"]?.stringValue == "1700000000")
        #expect(server["annotations"] == .array([.string("index:org.opencontainers.image.version=1.2.3")]))
        #expect(server["secret"] == .array([.string("id=token,src=/private/secret-token")]))
        #expect(server["cache-from"] == .array([.string("type=local,src=/c")]), "the file's own cache wins")
        #expect(server["cache-to"] == .array([.string("type=registry,ref=r/server:buildcache,mode=max")]))
        #expect(server["attest"] == .array([.string("type=provenance,mode=max")]))
        let web = try target(build.json, "web")
        #expect(web["platforms"] == .array([.string("linux/amd64")]), "a target's own platforms when the input was not given")
        #expect(web["secret"] == .array([.string("id=npm,env=NPM"), .string("id=token,src=/private/secret-token")]))
        #expect(web["attest"] == .array([.string("type=provenance,mode=max")]), "the input replaces the file's provenance")
        #expect(web["contexts"]?["base"]?.stringValue == "target:base")
        #expect(try target(build.json, "bot")["output"] == .array([.string("type=oci,dest=/private/oci/bot,tar=false,rewrite-timestamp=true")]))
        #expect(try target(build.json, "base") == (try JSONValue(parsing: Self.printed))["target"]?["base"], "a context target stays as printed")
    }

    @Test func withoutPushTheCacheIsKeptAndNothingExported() throws {
        let build = try file(push: false, explicit: "linux/arm64") { options in options.cache = { _ in (["type=gha"], ["type=gha,mode=max"]) } }
        let web = try target(build.json, "web")
        #expect(web["output"] == .array([.string("type=cacheonly")]))
        #expect(web["cache-to"] == nil && web["cache-from"] == .array([.string("type=gha")]))
        #expect(web["platforms"] == .array([.string("linux/arm64")]), "the platforms input wins when given")
        #expect(build.platforms(of: "server") == ["linux/arm64"])
    }

    @Test func theLoadFileTakesOnePlatformIntoTheEngineFromTheCache() throws {
        let build = try file(push: true) { options in
            options.pull = true
            options.noCache = true
            options.annotations = ["index:a=b"]
            options.cache = { _ in (["type=gha"], ["type=gha,mode=max"]) }
        }
        let server = try target(build.loadJSON(target: "server", platform: .linuxARM64, tags: ["openkf-build-smoke:1-server-linux-arm64"]), "server")
        #expect(server["platforms"] == .array([.string("linux/arm64")]))
        #expect(server["output"] == .array([.string("type=docker")]))
        #expect(server["tags"] == .array([.string("openkf-build-smoke:1-server-linux-arm64")]))
        #expect(server["pull"] == nil && server["no-cache"] == nil && server["cache-to"] == nil && server["annotations"] == nil)
        #expect(server["attest"] == .array([.string("type=provenance,disabled=true"), .string("type=sbom,disabled=true")]))
        #expect(server["cache-from"] == .array([.string("type=local,src=/c")]))
    }

    @Test func bakeInputsAreCheckedTogether() throws {
        let inputs = try BuildActionInputs(environment: ["INPUT_BAKE-FILES": "docker-bake.hcl, compose.yaml", "INPUT_BAKE-TARGETS": "apps\nbot"])
        #expect(inputs.bakeFiles == ["docker-bake.hcl", "compose.yaml"] && inputs.bakeTargets == ["apps", "bot"])
        #expect(inputs.explicitPlatforms == nil)
        #expect(try BuildActionInputs(environment: ["INPUT_PLATFORMS": "linux/arm64"]).explicitPlatforms?.description == "linux/arm64")
        #expect(try BuildActionInputs(environment: ["INPUT_BAKE-FILES": "b.hcl", "INPUT_MODE": "platform", "INPUT_PLATFORMS": "linux/arm64"]).mode == .platform,
                "native runners: each platform job bakes its platform")
        for (environment, input) in [(["INPUT_BAKE-TARGETS": "web"], "bake-targets"), (["INPUT_BAKE-FILES": "b.hcl", "INPUT_FILE": "Dockerfile"], "file"),
                                     (["INPUT_BAKE-FILES": "b.hcl", "INPUT_TARGET": "prod"], "target")] {
            do {
                _ = try BuildActionInputs(environment: environment)
                Issue.record("\(environment) must be refused")
            } catch {
                #expect(error.input == input, "\(error.description)")
            }
        }
    }
}
