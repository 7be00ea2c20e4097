import BuildActionCore
import Foundation
import JavaScriptCompat
import OCIRegistry
import Testing

@testable import BuildActionRuntime

/// Many images in one step on the real engine: a bake file and a compose file, every target
/// published to every registry under the tag rules, one target's failure isolated.
@Suite("bake-files on the real engine", .serialized)
struct BakeEndToEndTests {
    static func repository(_ suffix: String) -> String { "okf-e2e/bake-\(suffix)-\(ProcessInfo.processInfo.processIdentifier)" }

    /// One Dockerfile, a base stage every service shares, a service per build argument.
    static let dockerfile = """
        FROM localhost:5000/base/busybox:latest AS base
        RUN uname -m > /arch
        FROM base
        ARG SERVICE=none
        RUN echo "$SERVICE" > /service
        CMD ["cat", "/service", "/arch"]
        """

    static let hcl = """
        group "default" {
          targets = ["server", "web", "bot"]
        }
        target "_service" {
          context = "."
          dockerfile = "Dockerfile"
        }
        target "server" {
          inherits = ["_service"]
          args = { SERVICE = "server" }
          tags = ["ignored/by-the-action:server"]
        }
        target "web" {
          inherits = ["_service"]
          args = { SERVICE = "web" }
        }
        target "bot" {
          inherits = ["_service"]
          args = { SERVICE = "bot" }
          platforms = ["linux/amd64"]
        }
        """

    func run(_ repository: String, registries: [TestEnvironment.Registry], files: [String: String], inputs: [String: String]) throws -> ActionRun {
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: ["ref": "refs/heads/main", "repository": ["default_branch": "main"]],
                                inputs: [
                                    "images": registries.map { "\($0.host)/\(repository)-{target}" }.joined(separator: "\n"), "tags": "type=ref,event=branch\ntype=sha",
                                    "registry-auth": BuildCommandEndToEndTests.registryAuth(registries),
                                ].merging(inputs) { $1 })
        let all = files.merging(["Dockerfile": Self.dockerfile], uniquingKeysWith: { old, _ in old })
        for (name, text) in all {
            try text.write(toFile: run.workspace + "/" + name, atomically: true, encoding: .utf8)
        }
        return run
    }

    @Test func aThreeTargetBakeFilePublishesEveryImageEverywhereInOneStep() async throws {
        let environment = try TestEnvironment.load()
        let registries = try ["dockerhub", "token", "tls"].map(environment.registry)
        let repository = Self.repository("hcl")
        let run = try run(repository, registries: registries, files: ["docker-bake.hcl": Self.hcl],
                          inputs: ["bake-files": "docker-bake.hcl", "smoke-test": "test \"$(docker run --rm --platform \"$PLATFORM\" \"$IMAGE\" | head -1)\" = \"$TARGET\""])
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("::notice::bake-files: 3 targets (server, web, bot)."))
        #expect(result.standardOutput.contains("::notice::The smoke test passed for web on linux/arm64."))
        #expect(!result.standardOutput.contains("for bot on linux/arm64"), "bot declares amd64 only")
        let outputs = try run.outputs()
        let digests = try JSONValue(parsing: Data(try #require(outputs["digests"]).utf8))
        #expect(outputs["digest"] == "", "several images have no one digest")
        let registriesOutput = try JSONValue(parsing: Data(try #require(outputs["registries"]).utf8))
        for target in ["server", "web", "bot"] {
            let digest = try #require(digests[target]?.stringValue, "digests output for \(target)")
            for registry in registries {
                let name = "\(registry.host)/\(repository)-\(target)"
                #expect(registriesOutput[name]?["status"]?.stringValue == "pushed", "\(name)")
                let client = RegistryClient(registry: registry.host, login: registry.login)
                let served = try await client.manifest(repository: "\(repository)-\(target)", reference: "main")
                #expect(served.digest.description == digest, "\(name)")
                if target == "bot" {
                    // one platform: buildx writes one image manifest (no index) unless attestations ask for one
                    #expect(!served.manifest.platforms.contains("linux/arm64"), "bot declares amd64 only")
                } else {
                    #expect(Set(served.manifest.platforms).isSuperset(of: ["linux/amd64", "linux/arm64"]))
                }
                #expect(Set(try await client.tags(repository: "\(repository)-\(target)")) == ["main", "sha-9e8d7c6"], "the tag rules, not the file's tags")
            }
        }
        let log = try String(contentsOfFile: run.workspace + "/.openkf-build/build-log.jsonl", encoding: .utf8)
        let operations = log.split(separator: "\n").compactMap { try? JSONValue(parsing: Data($0.utf8)) }
        #expect(operations.filter { $0["phase"]?.stringValue == "build" }.count == 1, "one bake builds all three")
        #expect(operations.filter { $0["phase"]?.stringValue == "login" }.count == 3, "one login per registry, not per image")
        #expect(operations.filter { $0["phase"]?.stringValue == "push" }.count == 9)
    }

    @Test func aComposeFilePublishesEachBuiltService() async throws {
        let environment = try TestEnvironment.load()
        let registries = try ["dockerhub", "token"].map(environment.registry)
        let repository = Self.repository("compose")
        let compose = """
            services:
              api:
                build:
                  context: .
                  args:
                    SERVICE: api
              push:
                build:
                  context: .
                  args:
                    SERVICE: push
              cache:
                image: localhost:5000/base/busybox:latest
            """
        let run = try run(repository, registries: registries, files: ["compose.yaml": compose], inputs: ["bake-files": "compose.yaml"])
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        let digests = try JSONValue(parsing: Data(try #require(try run.outputs()["digests"]).utf8))
        for service in ["api", "push"] {
            for registry in registries {
                let served = try await RegistryClient(registry: registry.host, login: registry.login).manifest(repository: "\(repository)-\(service)", reference: "main")
                #expect(served.digest.description == digests[service]?.stringValue)
            }
        }
        #expect(digests["cache"] == nil, "a service without build is not an image of this repository")
    }

    @Test func oneTargetFailingCostsOnlyItsOwnImages() async throws {
        let environment = try TestEnvironment.load()
        let registries = try ["dockerhub", "token"].map(environment.registry)
        let repository = Self.repository("isolated")
        let hcl = Self.hcl.replacingOccurrences(of: "args = { SERVICE = \"web\" }", with: "args = { SERVICE = \"web\" }\n  dockerfile = \"Dockerfile.web\"")
        let run = try run(repository, registries: registries, files: ["docker-bake.hcl": hcl, "Dockerfile.web": "FROM localhost:5000/base/busybox:latest\nRUN echo web breaks && exit 7\n"],
                          inputs: ["bake-files": "docker-bake.hcl", "bake-targets": "server\nweb"])
        let result = try await run.run()
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("::error::The build of web failed (docker buildx bake exited with 1)"), "\(result.standardOutput)")
        let registriesOutput = try JSONValue(parsing: Data(try #require(try run.outputs()["registries"]).utf8))
        for registry in registries {
            #expect(registriesOutput["\(registry.host)/\(repository)-server"]?["status"]?.stringValue == "pushed")
            #expect(registriesOutput["\(registry.host)/\(repository)-web"]?["status"]?.stringValue == "failed")
            let client = RegistryClient(registry: registry.host, login: registry.login)
            #expect(try await client.manifestDigest(repository: "\(repository)-server", reference: "main") != nil)
            #expect(((try? await client.tags(repository: "\(repository)-web")) ?? []).isEmpty)
        }
        #expect(registriesOutput["\(registries[0].host)/\(repository)-bot"] == nil, "bake-targets chose server and web")
    }

    /// A release of two targets that reached one registry of two: the re-run, on an engine
    /// without build cache and with a Dockerfile that never builds the same twice, copies both
    /// targets to the registry that missed them instead of building.
    @Test func aBakeReleaseResumesEveryTargetByCopy() async throws {
        let environment = try TestEnvironment.load()
        let hub = try environment.registry("dockerhub"), acr = try environment.registry("acr")
        let repository = Self.repository("resume")
        let port = try FaultProxy(upstreamPort: FailureEndToEndTests.port(acr), options: []).port
        let third = "127.0.0.1:\(port)"
        let tag = ["ref": "refs/tags/v2.0.0", "repository": ["default_branch": "main"],
                   "head_commit": ["id": "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d", "timestamp": "2026-11-22T08:00:00Z"]] as [String: Any]
        let docker = try DockerCLI.make()
        defer { docker.remove() }
        func release() async throws -> (ActionRun, CommandResult) {
            let run = try ActionRun(event: "push", ref: "refs/tags/v2.0.0", payload: tag, inputs: [
                "images": [hub.host, third].map { "\($0)/\(repository)-{target}" }.joined(separator: "\n"), "tags": "type=semver,pattern={{version}}",
                "registry-auth": FailureEndToEndTests.auth([hub]) + "\n" + FailureEndToEndTests.auth([acr], hosts: ["acr": third]),
                "bake-files": "docker-bake.hcl", "bake-targets": "server\nweb", "retries": "1", "retry-delay": "0.1",
            ])
            try Self.hcl.write(toFile: run.workspace + "/docker-bake.hcl", atomically: true, encoding: .utf8)
            try (Self.dockerfile + "\nRUN date +%s%N > /stamp\n").write(toFile: run.workspace + "/Dockerfile", atomically: true, encoding: .utf8)
            return (run, try await run.run())
        }
        let (_, first) = try await release()
        #expect(first.status == 1, "the second registry is down: \(first.standardOutput)")
        let hubClient = RegistryClient(registry: hub.host, login: hub.login)
        let released = [try await hubClient.manifestDigest(repository: "\(repository)-server", reference: "2.0.0"),
                        try await hubClient.manifestDigest(repository: "\(repository)-web", reference: "2.0.0")]
        #expect(released.allSatisfy { $0 != nil })

        try await docker.run(["buildx", "prune", "--all", "--force"])
        let proxy = try FaultProxy(upstreamPort: FailureEndToEndTests.port(acr), options: ["--listen", port])
        #expect(proxy.host == third)
        let (againRun, again) = try await release()
        #expect(again.status == 0, "the re-run copies both targets: \(again.standardOutput)")
        let log = try String(contentsOfFile: againRun.workspace + "/.openkf-build/build-log.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(log.filter { $0.contains(#""phase":"copy""#) }.count == 2)
        #expect(!log.contains { $0.contains(#""phase":"build""#) }, "no bake ran")
        let digests = try JSONValue(parsing: Data(try #require(try againRun.outputs()["digests"]).utf8))
        let acrClient = RegistryClient(registry: acr.host, login: acr.login)
        for (index, target) in ["server", "web"].enumerated() {
            #expect(digests[target]?.stringValue == released[index]?.description)
            #expect(try await acrClient.manifestDigest(repository: "\(repository)-\(target)", reference: "2.0.0") == released[index], "\(target) resumed in the third registry")
        }
    }

    /// Native runners: each platform job bakes its platform of every target and pushes it by
    /// digest; the merge (which resolves the same files) tags each target's index.
    @Test func platformJobsThenMergeForEveryTarget() async throws {
        let environment = try TestEnvironment.load()
        let registries = try ["ghcr", "token"].map(environment.registry)
        let repository = Self.repository("native")
        let runnerTemp = WorkspaceFiles.normalized(try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-runner-temp-"))
        defer { try? FileManager.default.removeItem(atPath: runnerTemp) }
        let common = ["bake-files": "docker-bake.hcl", "bake-targets": "server\nweb", "digests-dir": runnerTemp + "/digests",
                      "tags": "type=semver,pattern={{version}}"]
        func job(_ inputs: [String: String]) async throws -> (ActionRun, CommandResult) {
            let run = try ActionRun(event: "push", ref: "refs/tags/v3.1.0", payload: ModesEndToEndTests.tagPush("3.1.0"), inputs: [
                "images": registries.map { "\($0.host)/\(repository)-{target}" }.joined(separator: "\n"),
                "registry-auth": BuildCommandEndToEndTests.registryAuth(registries),
            ].merging(common) { $1 }.merging(inputs) { $1 })
            run.environment["RUNNER_TEMP"] = runnerTemp
            try Self.hcl.write(toFile: run.workspace + "/docker-bake.hcl", atomically: true, encoding: .utf8)
            try Self.dockerfile.write(toFile: run.workspace + "/Dockerfile", atomically: true, encoding: .utf8)
            return (run, try await run.run())
        }
        for platform in ["linux/amd64", "linux/arm64"] {
            let (run, result) = try await job(["mode": "platform", "platforms": platform])
            #expect(result.status == 0, "\(platform): \(result.standardOutput)")
            let file = try #require(try run.outputs()["digest-file"])
            let images = try JSONValue(parsing: try Data(contentsOf: URL(fileURLWithPath: file)))["images"]
            #expect(images?["\(registries[0].host)/\(repository)-server"]?.stringValue != images?["\(registries[0].host)/\(repository)-web"]?.stringValue,
                    "each image name has its own target's digest")
        }
        let (merge, merged) = try await job(["mode": "merge"])
        #expect(merged.status == 0, "\(merged.standardOutput)")
        let digests = try JSONValue(parsing: Data(try #require(try merge.outputs()["digests"]).utf8))
        for target in ["server", "web"] {
            for registry in registries {
                let index = try await RegistryClient(registry: registry.host, login: registry.login).manifest(repository: "\(repository)-\(target)", reference: "3.1.0")
                #expect(Set(index.manifest.platforms) == ["linux/amd64", "linux/arm64"], "\(registry.name) \(target)")
                if registry.name == "ghcr" { #expect(index.digest.description == digests[target]?.stringValue) }
            }
        }
    }
}
