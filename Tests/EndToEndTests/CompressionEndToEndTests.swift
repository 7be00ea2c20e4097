import BuildActionCore
import Foundation
import JavaScriptCompat
import OCIRegistry
import Testing

@testable import BuildActionRuntime

/// `compression: zstd` on the real engine: every layer the registry gets is zstd, the base
/// image's too, and the engine pulls and runs the image.
@Suite("compression on the real engine", .serialized)
struct CompressionEndToEndTests {
    @Test func zstdLayersArePublishedAndRun() async throws {
        let registry = try TestEnvironment.load().registry("acr")
        let repository = "okf-e2e/zstd-\(ProcessInfo.processInfo.processIdentifier)"
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: ["ref": "refs/heads/main", "repository": ["default_branch": "main"]], inputs: [
            "images": "\(registry.host)/\(repository)", "tags": "type=ref,event=branch",
            "registry-auth": BuildCommandEndToEndTests.registryAuth([registry]),
            "compression": "zstd", "compression-level": "19",
        ])
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)")
        let client = RegistryClient(registry: registry.host, login: registry.login)
        let index = try await client.manifest(repository: repository, reference: "main")
        let platforms = index.manifest.entries.filter { !$0.isAttestation }
        #expect(platforms.count == 2)
        for entry in platforms {
            let image = try await client.manifest(repository: repository, reference: entry.digest.description)
            let layers = try #require(try JSONValue(parsing: image.data)["layers"])
            guard case .array(let items) = layers else { Issue.record("no layers"); continue }
            #expect(!items.isEmpty)
            #expect(items.allSatisfy { $0["mediaType"]?.stringValue == "application/vnd.oci.image.layer.v1.tar+zstd" }, "\(entry.platform ?? "?"): \(items)")
        }
        let docker = try DockerCLI.make()
        defer { docker.remove() }
        try await docker.login(registry)
        let reference = "\(registry.host)/\(repository):main"
        let ran = try await docker.session.run(["run", "--rm", "--pull", "always", "--platform", "linux/arm64", reference])
        #expect(ran.status == 0 && ran.standardOutput.contains("aarch64"), "\(ran.standardError)")
        _ = try? await docker.session.run(["image", "rm", reference])
    }
}
