import BuildActionCore
import Foundation
import JavaScriptCompat
import OCIRegistry
import Testing

@testable import BuildActionRuntime

/// The main step on the events it serves and on bad input, against the real engine and the
/// basic, token and TLS registries.
@Suite("openkf-build events and bad input on the real engine", .serialized)
struct EventsEndToEndTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples").path

    static func copyExamples(into workspace: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: examples) {
            try FileManager.default.copyItem(atPath: examples + "/" + name, toPath: workspace + "/" + name)
        }
    }

    static func repository(_ suffix: String) -> String { "okf-e2e/events-\(suffix)-\(ProcessInfo.processInfo.processIdentifier)" }

    /// Runs a pushing event against `registries` and returns the run and the result.
    static func publish(event: String, ref: String, payload: [String: Any], registries: [TestEnvironment.Registry], repository: String, tags: String) async throws -> (ActionRun, CommandResult) {
        let run = try ActionRun(event: event, ref: ref, payload: payload, inputs: [
            "images": registries.map { "\($0.host)/\(repository)" }.joined(separator: "\n"),
            "tags": tags, "registry-auth": BuildCommandEndToEndTests.registryAuth(registries), "build-args": "VERSION=e2e",
        ])
        try copyExamples(into: run.workspace)
        return (run, try await run.run())
    }

    @Test func versionTagToBasicTokenAndTLSRegistries() async throws {
        let environment = try TestEnvironment.load()
        let registries = try ["dockerhub", "token", "tls"].map(environment.registry)
        let repository = Self.repository("tag")
        let (run, result) = try await Self.publish(
            event: "push", ref: "refs/tags/v1.2.3", payload: ["ref": "refs/tags/v1.2.3"], registries: registries, repository: repository,
            tags: "type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}")
        #expect(result.status == 0, "\(result.standardOutput)")
        let outputs = try run.outputs()
        #expect(outputs["tag-names"] == "1.2.3\n1.2\n1\nlatest")
        let digest = try #require(outputs["digest"])
        for registry in registries {
            let client = RegistryClient(registry: registry.host, login: registry.login)
            #expect(Set(try await client.tags(repository: repository)) == ["1.2.3", "1.2", "1", "latest"], "exactly the engine's tags in \(registry.name)")
            for tag in ["1.2.3", "1.2", "1", "latest"] {
                let fetched = try await client.manifest(repository: repository, reference: tag)
                #expect(fetched.digest.description == digest, "\(registry.name):\(tag)")
                #expect(Set(fetched.manifest.platforms).isSuperset(of: ["linux/amd64", "linux/arm64"]))
            }
            // Annotations (manifest level by default) are on each platform's manifest.
            let index = try await client.manifest(repository: repository, reference: digest)
            for entry in index.manifest.entries where entry.referenceType == nil {
                let image = try await client.manifest(repository: repository, reference: entry.digest.description)
                #expect(image.manifest.annotations["org.opencontainers.image.version"] == "1.2.3", "\(registry.name) \(entry.platform ?? "")")
            }
        }
        let summary = try String(contentsOfFile: run.root + "/file_commands/summary", encoding: .utf8)
        #expect(summary.contains("- Size of linux/arm64:"))
        #expect(summary.contains("| `\(registries[0].host)/\(repository)` | `1.2.3` `1.2` `1` `latest` |"))
        // The arm64 image was really built under emulation, and carries the engine's labels.
        let registry = registries[0]
        let docker = try DockerCLI.make()
        defer { docker.remove() }
        try await docker.login(registry)
        let image = "\(registry.host)/\(repository):1.2.3"
        let arch = try await docker.run(["run", "--rm", "--platform", "linux/arm64", image, "cat", "/www/arch.txt"])
        #expect(arch.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "aarch64")
        let config = try await docker.run(["buildx", "imagetools", "inspect", image, "--format", "{{json .Image}}"])
        let json = try JSONValue(parsing: Data(config.standardOutput.utf8))
        #expect(json["linux/arm64"]?["config"]?["Labels"]?["org.opencontainers.image.version"]?.stringValue == "1.2.3")
        #expect(json["linux/amd64"]?["config"]?["Labels"]?["org.opencontainers.image.source"]?.stringValue == "https://github.com/openimsdk/openkf")
    }

    @Test(arguments: [("schedule", "refs/heads/main", "nightly"), ("workflow_dispatch", "refs/heads/main", "main")])
    func scheduleAndDispatch(_ event: String, _ ref: String, _ expectedTag: String) async throws {
        let environment = try TestEnvironment.load()
        let registries = try ["acr", "token", "tls"].map(environment.registry)
        let repository = Self.repository(event)
        let (run, result) = try await Self.publish(
            event: event, ref: ref, payload: ["repository": ["default_branch": "main"]], registries: registries, repository: repository,
            tags: "type=schedule\ntype=ref,event=branch,enable={{is_not_default_branch}}\ntype=raw,value=main,enable={{is_default_branch}}")
        #expect(result.status == 0, "\(result.standardOutput)")
        let expected: Set<String> = event == "schedule" ? ["nightly", "main"] : ["main"]
        for registry in registries {
            let client = RegistryClient(registry: registry.host, login: registry.login)
            #expect(Set(try await client.tags(repository: repository)) == expected, "\(registry.name)")
            let fetched = try await client.manifest(repository: repository, reference: expectedTag)
            #expect(fetched.digest.description == (try run.outputs())["digest"])
            #expect(Set(fetched.manifest.platforms).isSuperset(of: ["linux/amd64", "linux/arm64"]))
        }
    }

    @Test func forkPullRequestWithEmptySecretsPushesNothing() async throws {
        let registry = try TestEnvironment.load().registry("ghcr")
        let repository = Self.repository("fork")
        let run = try ActionRun(event: "pull_request", ref: "refs/pull/9/merge", payload: ["number": 9], inputs: [
            "images": "\(registry.host)/\(repository)", "tags": "type=ref,event=pr",
            "dockerhub-username": "", "dockerhub-password": "", "registry-auth": "", "ghcr-password": "",
        ])
        try Self.copyExamples(into: run.workspace)
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("::notice::No credentials for \(registry.host)"))
        #expect(try run.outputs()["pushed"] == "false")
        do {
            _ = try await RegistryClient(registry: registry.host, login: registry.login).manifest(repository: repository, reference: "pr-9")
            Issue.record("a fork pull request pushed")
        } catch {
            #expect(error.status == 404)
        }
    }

    /// Runs a pushing job with one thing wrong; it must fail clearly and push nothing.
    /// A run that must fail: its result and the step summary it wrote.
    static func failing(inputs extra: [String: String], dockerfile: String? = nil) async throws -> (CommandResult, String) {
        let registry = try TestEnvironment.load().registry("dockerhub")
        let repository = Self.repository("bad-\(UUID().uuidString.prefix(6).lowercased())")
        var inputs = ["images": "\(registry.host)/\(repository)", "tags": "type=ref,event=branch",
                      "registry-auth": BuildCommandEndToEndTests.registryAuth([registry])]
        inputs.merge(extra) { $1 }
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: [:], inputs: inputs)
        if let dockerfile { try dockerfile.write(toFile: run.workspace + "/Dockerfile", atomically: true, encoding: .utf8) }
        let result = try await run.run()
        #expect(result.status == 1)
        #expect(try run.outputs()["pushed"] == nil)
        let password = try #require(registry.login).password
        // A password reaches stdout only inside its own ::add-mask:: command.
        #expect(result.standardOutput.split(separator: "\n").filter { $0.contains(password) && !$0.hasPrefix("::add-mask::") }.isEmpty)
        _ = repository
        return (result, (try? String(contentsOfFile: run.root + "/file_commands/summary", encoding: .utf8)) ?? "")
    }

    @Test func missingDockerfile() async throws {
        let (result, _) = try await Self.failing(inputs: [:])
        #expect(result.standardOutput.contains("::error::Input `file`: \"Dockerfile\" does not exist"))
    }

    @Test func failingBuild() async throws {
        let (result, summary) = try await Self.failing(inputs: [:], dockerfile: "FROM localhost:5000/base/busybox:latest\nRUN echo compiling && exit 3\n")
        #expect(result.standardOutput.contains("::error::The build failed"))
        #expect(result.standardOutput.contains("exit code: 3"))
        #expect(summary.contains("## openkf-build failed in build"))
        #expect(summary.contains("exit code: 3"))
    }

    @Test func malformedRegistryAuth() async throws {
        let (result, _) = try await Self.failing(inputs: ["registry-auth": "- registry: x\n\tpassword: hunter2"], dockerfile: "FROM localhost:5000/base/busybox:latest\n")
        #expect(result.standardOutput.contains("::error::Input `registry-auth`"))
        #expect(!result.standardOutput.contains("hunter2"))
    }

    @Test func noImagesIsAnError() async throws {
        let (result, _) = try await Self.failing(inputs: ["images": "name=ghcr.io/a/b,enable=false"], dockerfile: "FROM localhost:5000/base/busybox:latest\n")
        #expect(result.standardOutput.contains("::error::Input `images`"))
        #expect(result.standardOutput.contains("names no enabled image"))
    }

    @Test func wrongPassword() async throws {
        let registry = try TestEnvironment.load().registry("dockerhub")
        let login = try #require(registry.login)
        let auth = "- registry: \(registry.host)\n  username: \(login.username)\n  password: 'not-\(login.password)'"
        let (result, _) = try await Self.failing(inputs: ["registry-auth": auth], dockerfile: "FROM localhost:5000/base/busybox:latest\n")
        #expect(result.standardOutput.contains("::error::Login to \(registry.host) as \(login.username) failed"))
        #expect(result.standardOutput.contains("::add-mask::not-\(login.password)"))
        #expect(result.standardOutput.split(separator: "\n").filter { $0.contains("not-\(login.password)") && !$0.hasPrefix("::add-mask::") }.isEmpty)
    }
}
