import BuildActionCore
import Foundation
import JavaScriptCompat
import OCIRegistry
import Testing

@testable import BuildActionRuntime

/// Native runners on the existing engine: two `mode: platform` runs (one platform each, pushed
/// by digest) and a `mode: merge` run that tags the multi-platform index; blob mounts between
/// image names of one registry; a registry cache reused by a second run.
@Suite("Platform and merge modes, mounts, cache on the real engine", .serialized)
struct ModesEndToEndTests {
    static func tagPush(_ version: String) -> [String: Any] {
        ["ref": "refs/tags/v\(version)", "repository": ["default_branch": "main"],
         "head_commit": ["id": "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d", "timestamp": "2026-11-02T10:00:00Z"]]
    }

    @Test func platformRunsThenMerge() async throws {
        let environment = try TestEnvironment.load()
        let registries = try ["ghcr", "token"].map(environment.registry)
        let repository = "okf-e2e/modes-\(ProcessInfo.processInfo.processIdentifier)"
        // digests-dir must be in the workspace or RUNNER_TEMP: the three runs share a RUNNER_TEMP.
        let runnerTemp = WorkspaceFiles.normalized(try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-runner-temp-"))
        defer { try? FileManager.default.removeItem(atPath: runnerTemp) }
        let digests = runnerTemp + "/digests"
        let common = [
            "images": registries.map { "\($0.host)/\(repository)" }.joined(separator: "\n"),
            "tags": "type=semver,pattern={{version}}\ntype=semver,pattern={{major}}",
            "registry-auth": BuildCommandEndToEndTests.registryAuth(registries), "digests-dir": digests,
        ]
        var childDigests: Set<String> = []
        for platform in ["linux/amd64", "linux/arm64"] {
            let run = try ActionRun(event: "push", ref: "refs/tags/v2.0.0", payload: Self.tagPush("2.0.0"),
                                    inputs: common.merging(["mode": "platform", "platforms": platform]) { $1 })
            run.environment["RUNNER_TEMP"] = runnerTemp
            try run.writeDockerfile()
            let result = try await run.run()
            #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
            let outputs = try run.outputs()
            let file = try #require(outputs["digest-file"])
            #expect(file.hasPrefix(digests) && FileManager.default.fileExists(atPath: file))
            let digest = try #require(outputs["digest"])
            let client = RegistryClient(registry: registries[0].host, login: registries[0].login)
            let fetched = try await client.manifest(repository: repository, reference: digest)
            if fetched.manifest.isIndex {
                #expect(fetched.manifest.platforms == [platform])
                childDigests.formUnion(fetched.manifest.entries.filter { $0.referenceType == nil }.map(\.digest.description))
            } else {
                let config = try await client.blob(repository: repository, digest: try #require(fetched.manifest.configDigest))
                #expect(ImageManifest.platform(ofConfig: config) == platform)
                childDigests.insert(digest)
            }
        }
        for registry in registries {
            // platform runs push by digest only: no tag yet (distribution answers 404 to a tag list without tags)
            let tags = try? await RegistryClient(registry: registry.host, login: registry.login).tags(repository: repository)
            #expect(tags?.isEmpty ?? true, "platform runs push by digest only")
        }
        let merge = try ActionRun(event: "push", ref: "refs/tags/v2.0.0", payload: Self.tagPush("2.0.0"), inputs: common.merging(["mode": "merge"]) { $1 })
        merge.environment["RUNNER_TEMP"] = runnerTemp
        let merged = try await merge.run()
        #expect(merged.status == 0, "\(merged.standardOutput)\n\(merged.standardError)")
        let digest = try #require(try merge.outputs()["digest"])
        for registry in registries {
            let client = RegistryClient(registry: registry.host, login: registry.login)
            #expect(Set(try await client.tags(repository: repository)) == ["2.0.0", "2", "latest"])
            let index = try await client.manifest(repository: repository, reference: "2.0.0")
            #expect(index.digest.description == digest)
            #expect(Set(index.manifest.platforms) == ["linux/amd64", "linux/arm64"])
            #expect(Set(index.manifest.entries.filter { $0.referenceType == nil }.map(\.digest.description)) == childDigests)
        }
        // without the digest files the merge says what to do
        let empty = try ActionRun(event: "push", ref: "refs/tags/v2.0.0", payload: Self.tagPush("2.0.0"),
                                  inputs: common.merging(["mode": "merge", "digests-dir": digests + "/none"]) { $1 })
        empty.environment["RUNNER_TEMP"] = runnerTemp
        let failed = try await empty.run()
        #expect(failed.status == 1)
        #expect(failed.standardOutput.contains("::error::Input `digests-dir`"))
        // a digests-dir outside the workspace and RUNNER_TEMP is refused before anything is pushed
        let elsewhere = try ActionRun(event: "push", ref: "refs/tags/v2.0.0", payload: Self.tagPush("2.0.0"),
                                      inputs: common.merging(["mode": "merge", "digests-dir": digests]) { $1 })
        let refused = try await elsewhere.run()
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("::error::Input `digests-dir`: \"\(digests)\" resolves to"), "\(refused.standardOutput)")
    }

    /// On the token registry (distribution, which mounts; the GHCR-like one refuses mounts and
    /// is covered by RealRegistryBehaviourTests).
    @Test func imageNamesInOneRegistryMountTheBlobs() async throws {
        let ghcr = try TestEnvironment.load().registry("token")
        let base = "okf-e2e/mount-\(ProcessInfo.processInfo.processIdentifier)"
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: ["ref": "refs/heads/main", "repository": ["default_branch": "main"]], inputs: [
            "images": "\(ghcr.host)/\(base)-a\n\(ghcr.host)/\(base)-b", "tags": "type=ref,event=branch",
            "registry-auth": BuildCommandEndToEndTests.registryAuth([ghcr]),
        ])
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)")
        let log = try String(contentsOfFile: run.workspace + "/.openkf-build/build-log.jsonl", encoding: .utf8)
        let pushes = log.split(separator: "\n").filter { $0.contains(#""phase":"push""#) }
        #expect(pushes.count == 2)
        #expect(pushes.contains { $0.contains("\(base)-b") && $0.contains(" mounted") && !$0.contains(", 0 mounted") }, "\(pushes)")
    }

    @Test func aSecondRunReusesTheRegistryCache() async throws {
        let ghcr = try TestEnvironment.load().registry("ghcr")
        let repository = "okf-e2e/cache-\(ProcessInfo.processInfo.processIdentifier)"
        func run() async throws -> (CommandResult, Double) {
            let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: ["ref": "refs/heads/main", "repository": ["default_branch": "main"]], inputs: [
                "images": "\(ghcr.host)/\(repository)", "tags": "type=ref,event=branch", "cache": "registry",
                "registry-auth": BuildCommandEndToEndTests.registryAuth([ghcr]),
            ])
            let dockerfile = "FROM localhost:5000/base/busybox:latest\nRUN sleep 4 && echo slow-step-\(repository) > /slow\n"
            try dockerfile.write(toFile: run.workspace + "/Dockerfile", atomically: true, encoding: .utf8)
            let result = try await run.run()
            let log = try String(contentsOfFile: run.workspace + "/.openkf-build/build-log.jsonl", encoding: .utf8)
            let build = log.split(separator: "\n").first { $0.contains(#""phase":"build""#) }
            let milliseconds = build.flatMap { try? JSONValue(parsing: Data($0.utf8))["duration_ms"] }.flatMap { value -> Double? in
                if case .number(let number) = value { return number }
                return nil
            } ?? 0
            return (result, milliseconds / 1000)
        }
        let (first, cold) = try await run()
        #expect(first.status == 0, "\(first.standardOutput)")
        #expect(first.standardOutput.contains("cache-to") || first.standardOutput.contains("exporting cache"))
        // forget the engine's own cache: only the registry's can help the second run
        let docker = try DockerCLI.make()
        defer { docker.remove() }
        try await docker.run(["buildx", "prune", "--all", "--force"])
        let (second, warm) = try await run()
        #expect(second.status == 0, "\(second.standardOutput)")
        let buildLines = second.standardOutput.split(separator: "\n").filter { $0.hasPrefix("#") }.joined(separator: "\n")
        #expect(second.standardOutput.contains("importing cache manifest from \(ghcr.host)/\(repository):buildcache"), "\(buildLines)")
        #expect(second.standardOutput.contains("CACHED"), "\(buildLines)")
        #expect(warm < cold, "second build \(warm) s, first \(cold) s")
        print("registry cache: first build \(cold) s, second build after pruning the engine's cache \(warm) s")
    }
}
