import BuildActionCore
import Foundation
import JavaScriptCompat
import OCIRegistry
import Testing

@testable import BuildActionRuntime

/// The main step end to end: the built binary against the real engine, buildx, QEMU and
/// registries (basic and token auth).
@Suite("openkf-build main step on the real engine", .serialized)
struct BuildCommandEndToEndTests {
    static func registryAuth(_ registries: [TestEnvironment.Registry]) -> String {
        registries.compactMap { registry in
            registry.login.map { "- registry: \(registry.host)\n  username: \($0.username)\n  password: '\($0.password)'" }
        }.joined(separator: "\n")
    }

    static func repository(_ suffix: String) -> String { "okf-e2e/main-\(suffix)-\(ProcessInfo.processInfo.processIdentifier)" }

    @Test func pushToDefaultBranchPublishesBothPlatformsEverywhere() async throws {
        let environment = try TestEnvironment.load()
        let registries = try ["dockerhub", "token", "tls"].map(environment.registry)
        let repository = Self.repository("push")
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: ["ref": "refs/heads/main", "repository": ["default_branch": "main"]], inputs: [
            "images": registries.map { "\($0.host)/\(repository)" }.joined(separator: "\n"),
            "tags": "type=ref,event=branch\ntype=sha\ntype=raw,value=latest,enable={{is_default_branch}}",
            "registry-auth": Self.registryAuth(registries),
        ])
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        let outputs = try run.outputs()
        #expect(outputs["pushed"] == "true")
        #expect(outputs["tag-names"] == "main\nlatest\nsha-9e8d7c6")
        let digest = try #require(outputs["digest"])
        #expect(digest.hasPrefix("sha256:"))
        // the index the registries serve is the one buildx reported in --metadata-file
        let buildxDigest = try JSONValue(parsing: Data(try #require(outputs["metadata"]).utf8))["containerimage.digest"]?.stringValue
        #expect(buildxDigest == digest)
        #expect(!result.standardOutput.contains("buildx reported"))
        for registry in registries {
            let client = RegistryClient(registry: registry.host, login: registry.login)
            #expect(Set(try await client.tags(repository: repository)) == ["main", "sha-9e8d7c6", "latest"])
            for tag in ["main", "sha-9e8d7c6", "latest"] {
                let fetched = try await client.manifest(repository: repository, reference: tag)
                #expect(fetched.digest.description == digest, "\(registry.name) \(tag)")
                #expect(Set(fetched.manifest.platforms).isSuperset(of: ["linux/amd64", "linux/arm64"]))
            }
            let login = try #require(registry.login)
            // The password reaches stdout only in its ::add-mask:: command, before anything else.
            let lines = result.standardOutput.split(separator: "\n").filter { $0.contains(login.password) }
            #expect(lines == ["::add-mask::\(login.password)"[...]])
            #expect(!run.writtenText().contains(login.password))
        }
        #expect(outputs["log-file"] == ".openkf-build/build-log.jsonl")
        let log = try String(contentsOfFile: run.workspace + "/.openkf-build/build-log.jsonl", encoding: .utf8)
        let phases = log.split(separator: "\n").compactMap { try? JSONValue(parsing: Data($0.utf8))["phase"]?.stringValue }
        // buildx writes an OCI layout; the action pushes it to the three registries at once.
        #expect(phases.filter { $0 != "retry" } == ["login", "login", "login", "emulation", "builder", "build", "push", "push", "push", "verify", "verify", "verify"])
        for registry in registries { #expect(!log.contains(try #require(registry.login).password)) }
        #expect(try String(contentsOfFile: run.root + "/file_commands/summary", encoding: .utf8).contains("| build |"))
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: run.environment["HOME"]! + "/.openkf-build")) ?? []
        #expect(leftovers.isEmpty)
    }

    /// One platform without attestations: buildx pushes a plain image manifest, whose platform
    /// is only in its configuration blob (read through the registry's auth, digest checked).
    @Test(arguments: ["token", "tls"])
    func onePlatformWithoutAttestationsIsAPlainManifest(_ name: String) async throws {
        let registry = try TestEnvironment.load().registry(name)
        let repository = Self.repository("plain-\(name)")
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: ["ref": "refs/heads/main", "repository": ["default_branch": "main"]], inputs: [
            "images": "\(registry.host)/\(repository)", "tags": "type=ref,event=branch",
            "platforms": "linux/arm64", "provenance": "false", "registry-auth": Self.registryAuth([registry]),
        ])
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        let digest = try #require(try run.outputs()["digest"])
        let client = RegistryClient(registry: registry.host, login: registry.login)
        let fetched = try await client.manifest(repository: repository, reference: "main")
        #expect(fetched.digest.description == digest)
        #expect(!fetched.manifest.isIndex)
        let config = try await client.blob(repository: repository, digest: try #require(fetched.manifest.configDigest))
        #expect(ImageManifest.platform(ofConfig: config) == "linux/arm64")
        #expect(result.standardOutput.contains("Verified \(registry.host)/\(repository): 1 tags serve \(digest)"))
        #expect(try String(contentsOfFile: run.root + "/file_commands/summary", encoding: .utf8).contains("linux/arm64"))
    }

    @Test(arguments: ["pull_request", "pull_request_target"])
    func pullRequestsBuildButPushNothing(_ event: String) async throws {
        let environment = try TestEnvironment.load()
        let registry = try environment.registry("dockerhub")
        let repository = Self.repository("pr")
        let run = try ActionRun(event: event, ref: "refs/pull/7/merge", payload: ["number": 7, "pull_request": ["head": ["sha": "abc"], "base": ["ref": "main"]]], inputs: [
            "images": "\(registry.host)/\(repository)",
            "tags": "type=ref,event=pr",
        ])
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(try run.outputs()["pushed"] == "false")
        #expect(result.standardOutput.contains("nothing is pushed"))
        do {
            _ = try await RegistryClient(registry: registry.host, login: registry.login).manifest(repository: repository, reference: "pr-7")
            Issue.record("the registry received an image on a \(event) event")
        } catch {
            #expect(error.status == 404)
        }
    }

    @Test func pushWithoutCredentialsNamesTheInput() async throws {
        let registry = try TestEnvironment.load().registry("acr")
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: [:], inputs: [
            "images": "\(registry.host)/\(Self.repository("nocreds"))", "tags": "type=ref,event=branch",
        ])
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("::error::No credentials for \(registry.host)"))
        #expect(result.standardOutput.contains("registry-auth"))
        #expect(try run.outputs().isEmpty)
    }

    @Test func badPlatformIsAClearError() async throws {
        let registry = try TestEnvironment.load().registry("acr")
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: [:], inputs: [
            "images": "\(registry.host)/\(Self.repository("badplatform"))", "platforms": "linux/amd65,linux/arm64",
        ])
        let result = try await run.run()
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("::error::Input `platforms`"))
        #expect(result.standardOutput.contains("linux/amd64"))
    }
}
