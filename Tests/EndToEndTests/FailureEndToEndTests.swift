import BuildActionCore
import Foundation
import JavaScriptCompat
import OCIRegistry
import Testing

@testable import BuildActionRuntime

/// When things go wrong, on the real engine and registries: injected 5xx answers and resets
/// (retried), a registry that is down or refuses the credentials (the others are published),
/// ACR's rejection of attestations, immutable release tags.
@Suite("Failures, retries and isolation on the real engine", .serialized)
struct FailureEndToEndTests {
    static var push: [String: Any] { ["ref": "refs/heads/main", "repository": ["default_branch": "main"]] }

    static func repository(_ suffix: String) -> String { "okf-e2e/fail-\(suffix)-\(ProcessInfo.processInfo.processIdentifier)" }

    /// registry-auth for `registries`, each entry's host replaced by `hosts[name]` when given.
    static func auth(_ registries: [TestEnvironment.Registry], hosts: [String: String] = [:], passwords: [String: String] = [:]) -> String {
        registries.compactMap { registry in
            registry.login.map { "- registry: \(hosts[registry.name] ?? registry.host)\n  username: \($0.username)\n  password: '\(passwords[registry.name] ?? $0.password)'" }
        }.joined(separator: "\n")
    }

    static func port(_ registry: TestEnvironment.Registry) -> Int { Int(registry.host.split(separator: ":").last ?? "") ?? 0 }

    static func registries(_ output: String?) throws -> [String: JSONValue] {
        guard case .object(let members) = try JSONValue(parsing: Data((output ?? "{}").utf8)) else { return [:] }
        return members
    }

    @Test func transientAnswersAndResetsAreRetried() async throws {
        let environment = try TestEnvironment.load()
        let hub = try environment.registry("dockerhub")
        let failing = try FaultProxy(upstreamPort: Self.port(hub), options: ["--fail", "2", "--status", "503", "--match", "^(PUT|POST) "])
        let resetting = try FaultProxy(upstreamPort: Self.port(hub), options: ["--reset", "2", "--match", "^PUT .*/manifests/"])
        let repository = Self.repository("retry")
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: Self.push, inputs: [
            "images": "\(failing.host)/\(repository)\n\(resetting.host)/\(repository)-b", "tags": "type=ref,event=branch",
            "registry-auth": Self.auth([hub], hosts: ["dockerhub": failing.host]) + "\n" + Self.auth([hub], hosts: ["dockerhub": resetting.host]),
            "retry-delay": "0.2",
        ])
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(failing.requests.filter { $0.hasSuffix(" 503") }.count == 2)
        #expect(resetting.requests.filter { $0.hasSuffix(" reset") }.count == 2)
        let log = try String(contentsOfFile: run.workspace + "/.openkf-build/build-log.jsonl", encoding: .utf8)
        #expect(log.split(separator: "\n").filter { $0.contains(#""phase":"retry""#) }.count == 4)
        #expect(result.standardOutput.contains("retrying in"))
        let registries = try Self.registries(try run.outputs()["registries"])
        #expect(registries.values.allSatisfy { $0["status"]?.stringValue == "pushed" })
    }

    @Test func retryAfterIsHonoured() async throws {
        let hub = try TestEnvironment.load().registry("dockerhub")
        let proxy = try FaultProxy(upstreamPort: Self.port(hub), options: ["--fail", "1", "--status", "429", "--retry-after", "2", "--match", "^PUT .*/manifests/"])
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: Self.push, inputs: [
            "images": "\(proxy.host)/\(Self.repository("retry-after"))", "tags": "type=ref,event=branch",
            "registry-auth": Self.auth([hub], hosts: ["dockerhub": proxy.host]), "retry-delay": "0.1",
        ])
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("retrying in 2.0 s"))
    }

    @Test(arguments: [false, true])
    func oneRegistryDownDoesNotCostTheOthers(_ continueOnError: Bool) async throws {
        let environment = try TestEnvironment.load()
        let up = try ["dockerhub", "ghcr"].map(environment.registry)
        let repository = Self.repository("down-\(continueOnError)")
        let down = "127.0.0.1:1"  // nothing listens there: a stopped registry
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: Self.push, inputs: [
            "images": (up.map(\.host) + [down]).map { "\($0)/\(repository)" }.joined(separator: "\n"), "tags": "type=ref,event=branch",
            "registry-auth": Self.auth(up) + "\n- registry: \(down)\n  username: nobody\n  password: 'irrelevant-secret'",
            "retries": "1", "retry-delay": "0.1", "continue-on-registry-error": continueOnError ? "true" : "false",
        ])
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == (continueOnError ? 0 : 1), "\(result.standardOutput)\n\(result.standardError)")
        let registries = try Self.registries(try run.outputs()["registries"])
        #expect(registries["\(down)/\(repository)"]?["status"]?.stringValue == "failed")
        for registry in up {
            #expect(registries["\(registry.host)/\(repository)"]?["status"]?.stringValue == "pushed")
            let tags = try await RegistryClient(registry: registry.host, login: registry.login).tags(repository: repository)
            #expect(tags == ["main"])
        }
        let marker = continueOnError ? "::warning::" : "::error::"
        #expect(result.standardOutput.split(separator: "\n").contains { $0.hasPrefix(marker + "Publishing \(down)/\(repository) failed") })
        let summary = try String(contentsOfFile: run.root + "/file_commands/summary", encoding: .utf8)
        #expect(summary.contains("**failed**") && summary.contains("### Failed"))
    }

    @Test func wrongCredentialsForOneOfThree() async throws {
        let environment = try TestEnvironment.load()
        let all = try ["dockerhub", "acr", "ghcr"].map(environment.registry)
        let acr = try environment.registry("acr")
        let repository = Self.repository("creds")
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: Self.push, inputs: [
            "images": all.map { "\($0.host)/\(repository)" }.joined(separator: "\n"), "tags": "type=ref,event=branch",
            "registry-auth": Self.auth(all, passwords: ["acr": "wrong-password-123"]),
        ])
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 1)
        let registries = try Self.registries(try run.outputs()["registries"])
        #expect(registries.filter { $0.value["status"]?.stringValue == "pushed" }.count == 2)
        #expect(registries["\(acr.host)/\(repository)"]?["status"]?.stringValue == "failed")
        let errors = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("::error::") }
        #expect(errors.count == 1)
        #expect(errors.first?.contains(acr.host) == true)
        #expect(!result.standardOutput.contains("wrong-password-123") || result.standardOutput.contains("::add-mask::wrong-password-123"))
    }

    @Test func acrStandInGetsTheIndexWithoutAttestations() async throws {
        let environment = try TestEnvironment.load()
        let acr = try environment.registry("acr"), ghcr = try environment.registry("ghcr")
        let proxy = try FaultProxy(upstreamPort: Self.port(acr), options: ["--reject-attestations"])
        let repository = Self.repository("attest")
        func run(_ patterns: String, suffix: String) async throws -> (ActionRun, CommandResult) {
            let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: Self.push, inputs: [
                "images": "\(ghcr.host)/\(repository)-\(suffix)\n\(proxy.host)/\(repository)-\(suffix)", "tags": "type=ref,event=branch",
                "registry-auth": Self.auth([ghcr, acr], hosts: ["acr": proxy.host]), "provenance": "mode=min",
                "no-attestations-registries": patterns,
            ])
            try run.writeDockerfile()
            return (run, try await run.run())
        }
        let (accepted, result) = try await run("*.aliyuncs.com, \(proxy.host)", suffix: "ok")
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        let registries = try Self.registries(try accepted.outputs()["registries"])
        let full = try #require(registries["\(ghcr.host)/\(repository)-ok"]), plain = try #require(registries["\(proxy.host)/\(repository)-ok"])
        #expect(full["attestations"]?.isTruthy == true && plain["attestations"]?.isTruthy == false)
        #expect(full["digest"]?.stringValue != plain["digest"]?.stringValue)
        let served = try await RegistryClient(registry: acr.host, login: acr.login).manifest(repository: "\(repository)-ok", reference: "main")
        #expect(served.digest.description == plain["digest"]?.stringValue)
        #expect(served.manifest.entries.allSatisfy { $0.referenceType == nil })
        #expect(Set(served.manifest.platforms) == ["linux/amd64", "linux/arm64"])

        let (_, rejected) = try await run("none", suffix: "rejected")
        #expect(rejected.status == 1)
        #expect(rejected.standardOutput.contains("unknown manifest class for application/vnd.oci.empty.v1+json"))
        #expect(rejected.standardOutput.contains("::notice::The registry rejected a manifest; Alibaba Cloud ACR rejects OCI attestation manifests"))
        let ghcrTags = try await RegistryClient(registry: ghcr.host, login: ghcr.login).tags(repository: "\(repository)-rejected")
        #expect(ghcrTags == ["main"])
    }

    @Test func releaseTagsAreImmutable() async throws {
        let ghcr = try TestEnvironment.load().registry("ghcr")
        let repository = Self.repository("immutable")
        let tag = ["ref": "refs/tags/v1.2.3", "repository": ["default_branch": "main"],
                   "head_commit": ["id": "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d", "timestamp": "2026-11-01T10:00:00Z"]] as [String: Any]
        func release(dockerfileExtra: String = "", allowOverwrite: Bool = false, sha: String? = nil) async throws -> (ActionRun, CommandResult) {
            let run = try ActionRun(event: "push", ref: "refs/tags/v1.2.3", payload: tag, inputs: [
                "images": "\(ghcr.host)/\(repository)", "tags": "type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}",
                "registry-auth": Self.auth([ghcr]), "allow-overwrite": allowOverwrite ? "true" : "false",
            ])
            if let sha { run.environment["GITHUB_SHA"] = sha }
            try run.writeDockerfile()
            if !dockerfileExtra.isEmpty {
                let path = run.workspace + "/Dockerfile"
                try (try String(contentsOfFile: path, encoding: .utf8) + "\n" + dockerfileExtra + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            }
            return (run, try await run.run())
        }
        let client = RegistryClient(registry: ghcr.host, login: ghcr.login)
        let (_, first) = try await release()
        #expect(first.status == 0, "\(first.standardOutput)")
        let published = try await client.manifest(repository: repository, reference: "1.2.3")
        let (_, again) = try await release()
        #expect(again.status == 0, "a re-run of the same release must pass: \(again.standardOutput)")
        // Other sources for a release that exists: the release is copied, not rebuilt, and keeps its images.
        let (_, changed) = try await release(dockerfileExtra: "RUN echo changed > /changed")
        #expect(changed.status == 0, "\(changed.standardOutput)")
        #expect(changed.standardOutput.contains("::notice::1.2.3 already exists in \(ghcr.host)/\(repository)"))
        #expect(!changed.standardOutput.contains("docker buildx build"))
        #expect(try await client.manifestDigest(repository: repository, reference: "1.2.3") == published.digest, "the release tag did not move")
        let floating = try await client.manifest(repository: repository, reference: "1.2")
        #expect(floating.manifest.platforms == published.manifest.platforms)
        #expect(Set(floating.manifest.entries.map(\.digest)).isSuperset(of: Set(published.manifest.entries.filter { $0.referenceType == nil }.map(\.digest))),
                "nothing may move to other images")
        // The Git tag moved to another commit: the release in the registries has other sources.
        let (_, moved) = try await release(dockerfileExtra: "RUN echo changed > /changed", sha: "0123456789abcdef0123456789abcdef01234567")
        #expect(moved.status == 1)
        #expect(moved.standardOutput.contains("::error::\(ghcr.host)/\(repository):1.2.3 was built from commit 9e8d7c6b5a4f, this run builds 0123456789ab; release tags are immutable"),
                "\(moved.standardOutput)")
        #expect(try await client.manifestDigest(repository: repository, reference: "1.2.3") == published.digest, "the release tag did not move")
        let (_, overwritten) = try await release(dockerfileExtra: "RUN echo changed > /changed", allowOverwrite: true)
        #expect(overwritten.status == 0, "\(overwritten.standardOutput)")
        #expect(try await client.manifest(repository: repository, reference: "1.2.3").digest != published.digest)
    }

    /// A release rebuilt on another machine (the engine's build cache gone) gives the same
    /// platform images from the same sources: SOURCE_DATE_EPOCH from the commit and
    /// rewrite-timestamp=true set every file's time, so the `RUN` step's layer is byte-for-byte
    /// the same. Without rewrite-timestamp the file `RUN` writes carries the build's time. (A
    /// plain re-run copies the existing release instead of building; allow-overwrite: true
    /// makes it build.)
    @Test func aReleaseRebuiltWithoutCacheIsTheSame() async throws {
        let ghcr = try TestEnvironment.load().registry("ghcr")
        let repository = Self.repository("reproducible")
        let tag = ["ref": "refs/tags/v3.0.0", "repository": ["default_branch": "main"],
                   "head_commit": ["id": "1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5", "timestamp": "2026-11-20T08:00:00Z"]] as [String: Any]
        let docker = try DockerCLI.make()
        defer { docker.remove() }
        // allow-overwrite: the re-run builds (an existing release is otherwise copied, not rebuilt).
        func release(allowOverwrite: Bool = false) async throws -> CommandResult {
            let run = try ActionRun(event: "push", ref: "refs/tags/v3.0.0", payload: tag, inputs: [
                "images": "\(ghcr.host)/\(repository)", "tags": "type=semver,pattern={{version}}", "registry-auth": Self.auth([ghcr]),
                "allow-overwrite": allowOverwrite ? "true" : "false",
            ])
            try run.writeDockerfile()
            return try await run.run()
        }
        let client = RegistryClient(registry: ghcr.host, login: ghcr.login)
        let first = try await release()
        #expect(first.status == 0, "\(first.standardOutput)")
        let published = try await client.manifest(repository: repository, reference: "3.0.0")
        // another machine: nothing of the first build is left in the engine
        try await docker.run(["buildx", "prune", "--all", "--force"])
        let again = try await release(allowOverwrite: true)
        #expect(again.status == 0, "a rebuild of the same release on a fresh engine must pass: \(again.standardOutput)")
        #expect(again.standardOutput.contains("docker buildx build"), "it was built again, not copied")
        let republished = try await client.manifest(repository: repository, reference: "3.0.0")
        #expect(republished.platformImages == published.platformImages, "the same platform images")
        #expect(published.platformImages.count == 2)
    }

    /// Issue 12's "done when" for releases that resume: a release reached two registries and the
    /// third was down; on a fresh engine (build cache pruned) with the third back at the same
    /// address, the re-run copies the release from a registry that has it instead of building:
    /// the third then serves the same index and platform images as the others. The Dockerfile
    /// writes the build's time into the image, so a rebuild could not give the same digests: only
    /// a copy does. GHCR's stand-in gets the index without attestations and comes first in
    /// `images`: the copy is taken from Docker Hub's full index all the same.
    @Test func aReleaseResumedAfterOneRegistryFailedIsCopied() async throws {
        let environment = try TestEnvironment.load()
        let hub = try environment.registry("dockerhub"), ghcr = try environment.registry("ghcr"), acr = try environment.registry("acr")
        let repository = Self.repository("resume")
        // The third registry's address: a proxy before ACR's stand-in, stopped for the first run.
        let port = try FaultProxy(upstreamPort: Self.port(acr), options: []).port
        let third = "127.0.0.1:\(port)"
        let tag = ["ref": "refs/tags/v4.5.6", "repository": ["default_branch": "main"],
                   "head_commit": ["id": "2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5d6", "timestamp": "2026-11-21T08:00:00Z"]] as [String: Any]
        let docker = try DockerCLI.make()
        defer { docker.remove() }
        func release() async throws -> (ActionRun, CommandResult) {
            let run = try ActionRun(event: "push", ref: "refs/tags/v4.5.6", payload: tag, inputs: [
                "images": [ghcr.host, hub.host, third].map { "\($0)/\(repository)" }.joined(separator: "\n"),
                "tags": "type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}",
                "registry-auth": Self.auth([ghcr, hub]) + "\n" + Self.auth([acr], hosts: ["acr": third]),
                "provenance": "mode=min", "no-attestations-registries": ghcr.host, "retries": "1", "retry-delay": "0.1",
            ])
            try run.writeDockerfile()
            // Not reproducible: a rebuild writes another time, so only a copy serves the same digests.
            try "FROM localhost:5000/base/busybox:latest\nRUN date +%s%N > /stamp\nCMD [\"cat\", \"/stamp\"]\n".write(toFile: run.workspace + "/Dockerfile", atomically: true, encoding: .utf8)
            return (run, try await run.run())
        }
        let (firstRun, first) = try await release()
        #expect(first.status == 1, "the third registry is down: \(first.standardOutput)")
        let before = try Self.registries(try firstRun.outputs()["registries"])
        #expect(before["\(third)/\(repository)"]?["status"]?.stringValue == "failed")
        #expect(before["\(hub.host)/\(repository)"]?["status"]?.stringValue == "pushed" && before["\(ghcr.host)/\(repository)"]?["status"]?.stringValue == "pushed")
        let hubClient = RegistryClient(registry: hub.host, login: hub.login)
        let released = try await hubClient.manifest(repository: repository, reference: "4.5.6")
        let attested = released.manifest.entries.contains { $0.isAttestation }
        #expect(attested, "Docker Hub has the full index")

        try await docker.run(["buildx", "prune", "--all", "--force"])
        let proxy = try FaultProxy(upstreamPort: Self.port(acr), options: ["--listen", port])
        #expect(proxy.host == third)
        let (againRun, again) = try await release()
        #expect(again.status == 0, "the re-run copies the release: \(again.standardOutput)")
        #expect(again.standardOutput.contains("::notice::4.5.6 already exists in \(hub.host)/\(repository) (\(released.digest)): copying it"), "\(again.standardOutput)")
        #expect(!again.standardOutput.contains("docker buildx build"), "no build ran")
        let log = try String(contentsOfFile: againRun.workspace + "/.openkf-build/build-log.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(log.contains { $0.contains(#""phase":"copy""#) && $0.contains("copied from \(hub.host)/\(repository):4.5.6: \(released.digest)") })
        #expect(!log.contains { $0.contains(#""phase":"build""#) })
        #expect(try againRun.outputs()["digest"] == released.digest.description)

        let resumed = try await RegistryClient(registry: acr.host, login: acr.login).manifest(repository: repository, reference: "4.5.6")
        #expect(resumed.digest == released.digest, "the third serves the index the others got")
        #expect(resumed.platformImages == released.platformImages && released.platformImages.count == 2)
        let floating = try await RegistryClient(registry: acr.host, login: acr.login).manifestDigest(repository: repository, reference: "4.5")
        #expect(floating == released.digest)
        let plain = try await RegistryClient(registry: ghcr.host, login: ghcr.login).manifest(repository: repository, reference: "4.5.6")
        let plainAttested = plain.manifest.entries.contains { $0.isAttestation }
        #expect(plain.platformImages == released.platformImages && !plainAttested)
        #expect(try await hubClient.manifestDigest(repository: repository, reference: "4.5.6") == released.digest, "nothing moved")
    }
}
