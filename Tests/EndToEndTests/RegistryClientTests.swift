import BuildActionCore
import Foundation
import JavaScriptCompat
import OCIRegistry
import Testing

@testable import BuildActionRuntime

/// The registry client against real CNCF distribution registries: Basic auth, token (Bearer)
/// auth through the token server, and TLS verified against the environment's own CA.
@Suite("Registry client on real registries", .serialized)
struct RegistryClientTests {
    static let source = "localhost:5000/base/busybox:latest"

    /// Copies the two-platform base image into `registry` and returns the digest docker reports.
    static func publish(to registry: TestEnvironment.Registry, repository: String, tag: String) async throws -> String {
        let docker = try DockerCLI.make()
        defer { docker.remove() }
        try await docker.login(registry)
        let target = "\(registry.host)/\(repository):\(tag)"
        try await docker.run(["buildx", "imagetools", "create", "--tag", target, source])
        let inspected = try await docker.run(["buildx", "imagetools", "inspect", target, "--format", "{{json .Manifest}}"])
        let digest = try JSONValue(parsing: Data(inspected.standardOutput.utf8))["digest"]?.stringValue
        return try #require(digest)
    }

    @Test(arguments: ["dockerhub", "token", "tls"])
    func readsTheIndexDockerPushed(_ name: String) async throws {
        let registry = try TestEnvironment.load().registry(name)
        let tag = "regclient-\(ProcessInfo.processInfo.processIdentifier)"
        let expected = try await Self.publish(to: registry, repository: "okf-e2e/busybox", tag: tag)
        let client = RegistryClient(registry: registry.host, login: registry.login)
        let fetched = try await client.manifest(repository: "okf-e2e/busybox", reference: tag)
        #expect(fetched.digest.description == expected)
        #expect(fetched.bodyDigest.description == expected)
        #expect(fetched.manifest.isIndex)
        #expect(Set(fetched.manifest.platforms) == ["linux/amd64", "linux/arm64"])
        let byDigest = try await client.manifest(repository: "okf-e2e/busybox", reference: expected)
        #expect(byDigest.digest.description == expected)
    }

    @Test(arguments: ["dockerhub", "token"])
    func wrongPasswordIsRefused(_ name: String) async throws {
        let registry = try TestEnvironment.load().registry(name)
        let login = try #require(registry.login)
        let client = RegistryClient(registry: registry.host, login: RegistryCredentials(registry: registry.host, username: login.username, password: "wrong-\(login.password)"))
        do {
            _ = try await client.manifest(repository: "okf-e2e/busybox", reference: "latest")
            Issue.record("a wrong password was accepted by \(name)")
        } catch {
            #expect(error.status == 401)
            #expect(!error.message.contains(login.password))
            #expect(!error.isTransient)
        }
    }

    @Test func missingTagIsNotFound() async throws {
        let registry = try TestEnvironment.load().registry("acr")
        let client = RegistryClient(registry: registry.host, login: registry.login)
        do {
            _ = try await client.manifest(repository: "okf-e2e/never-pushed", reference: "nope")
            Issue.record("a missing manifest was found")
        } catch {
            #expect(error.status == 404)
            #expect(error.message.contains("MANIFEST_UNKNOWN") || error.message.contains("NAME_UNKNOWN"))
        }
    }

    @Test func plainHTTPOnlyOnLoopback() {
        #expect(RegistryClient(registry: "127.0.0.1:5001", login: nil).scheme == "http")
        #expect(RegistryClient(registry: "10.210.0.2:5443", login: nil).scheme == "https")
        #expect(RegistryHost.isLoopback("127.0.0.1:5001"))
        #expect(RegistryHost.isLoopback("localhost:5000"))
        #expect(RegistryHost.isLoopback("[::1]:5000"))
        #expect(!RegistryHost.isLoopback("10.210.0.2:5443"))
        #expect(!RegistryHost.isLoopback("ghcr.io"))
        #expect(!RegistryHost.isLoopback("127.0.0.1.nip.io"))
    }
}
