import BuildActionCore
import Foundation
import JavaScriptCompat
import OCIRegistry
import Testing

@testable import BuildActionRuntime

/// A BuildPlan's arguments run by the real docker CLI and buildx: both platforms built (the
/// arm64 RUN step under QEMU), pushed to a basic-auth registry, read back with RegistryClient.
@Suite("Build plan on the real engine", .serialized)
struct BuildPlanEndToEndTests {
    static func context() throws -> String {
        let directory = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "okf-context-")
        let dockerfile = """
            FROM localhost:5000/base/busybox:latest
            ARG GREETING
            RUN uname -m > /arch && echo "$GREETING" > /greeting
            """
        try dockerfile.write(toFile: directory + "/Dockerfile", atomically: true, encoding: .utf8)
        return directory
    }

    @Test func buildsBothPlatformsAndPushes() async throws {
        let registry = try TestEnvironment.load().registry("ghcr")
        let docker = try DockerCLI.make()
        defer { docker.remove() }
        try await docker.login(registry)
        let context = try Self.context()
        defer { try? FileManager.default.removeItem(atPath: context) }
        let tag = "plan-\(ProcessInfo.processInfo.processIdentifier)"
        let plan = BuildPlan(
            contextPath: context, platforms: try PlatformList(parsing: "linux/amd64,linux/arm64"),
            tags: ["\(registry.host)/okf-e2e/plan:\(tag)"], labels: ["org.opencontainers.image.version=\(tag)"],
            annotations: ["index:org.opencontainers.image.version=\(tag)"],
            buildArgs: try KeyValueList(parsing: "GREETING=hello", input: "build-args"),
            provenance: "false", push: true, metadataFile: context + "/metadata.json")
        // The docker driver also keeps the image locally: removed after the build, whatever happens.
        let result = try await withCleanup { try await docker.run(plan.buildxArguments(secretFiles: [:])) } cleanup: {
            _ = try? await docker.run(["image", "rm", "--force"] + plan.tags)
        }
        #expect(result.status == 0)
        let metadata = try JSONValue(parsing: try Data(contentsOf: URL(fileURLWithPath: plan.metadataFile)))
        let digest = try #require(metadata["containerimage.digest"]?.stringValue)
        let fetched = try await RegistryClient(registry: registry.host, login: registry.login).manifest(repository: "okf-e2e/plan", reference: tag)
        #expect(fetched.digest.description == digest)
        #expect(Set(fetched.manifest.platforms) == ["linux/amd64", "linux/arm64"])
    }

    @Test func validatingBuildPushesNothing() async throws {
        let registry = try TestEnvironment.load().registry("acr")
        let docker = try DockerCLI.make()
        defer { docker.remove() }
        let context = try Self.context()
        defer { try? FileManager.default.removeItem(atPath: context) }
        let tag = "validate-\(ProcessInfo.processInfo.processIdentifier)"
        let plan = BuildPlan(
            contextPath: context, platforms: try PlatformList(parsing: "linux/amd64,linux/arm64"),
            tags: ["\(registry.host)/okf-e2e/validate:\(tag)"], buildArgs: try KeyValueList(parsing: "", input: "build-args"),
            push: false, metadataFile: context + "/metadata.json")
        try await withCleanup { try await docker.run(plan.buildxArguments(secretFiles: [:])) } cleanup: {
            _ = try? await docker.run(["image", "rm", "--force"] + plan.tags)
        }
        let client = RegistryClient(registry: registry.host, login: registry.login)
        do {
            _ = try await client.manifest(repository: "okf-e2e/validate", reference: tag)
            Issue.record("the registry received the image of a build that must not push")
        } catch {
            #expect(error.status == 404)
        }
    }
}
