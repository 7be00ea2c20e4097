import BuildActionCore
import Foundation
import OCIRegistry
import Testing

@testable import BuildActionRuntime

/// Test before push on the real engine: `smoke-test` runs each platform's image (arm64 under
/// QEMU) before anything is pushed, and `load` leaves the runner's platform image behind.
@Suite("smoke-test and load on the real engine", .serialized)
struct SmokeTestEndToEndTests {
    static func repository(_ suffix: String) -> String { "okf-e2e/smoke-\(suffix)-\(ProcessInfo.processInfo.processIdentifier)" }

    /// Runs the image (it prints `uname -m` as the build saw it) and compares with the platform.
    static let script = """
        arch=$(docker run --rm --platform "$PLATFORM" "$IMAGE")
        echo "$PLATFORM runs $arch"
        case "$PLATFORM" in
          linux/amd64) [ "$arch" = x86_64 ] ;;
          linux/arm64) [ "$arch" = aarch64 ] ;;
        esac
        """

    func release(_ repository: String, registries: [TestEnvironment.Registry], inputs: [String: String]) throws -> ActionRun {
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: ["ref": "refs/heads/main", "repository": ["default_branch": "main"]],
                                inputs: [
                                    "images": registries.map { "\($0.host)/\(repository)" }.joined(separator: "\n"), "tags": "type=ref,event=branch",
                                    "registry-auth": BuildCommandEndToEndTests.registryAuth(registries),
                                ].merging(inputs) { $1 })
        try run.writeDockerfile()
        return run
    }

    @Test func aPassingSmokeTestRunsBothPlatformsThenPublishesAndLoadKeepsTheHostImage() async throws {
        let environment = try TestEnvironment.load()
        let registries = try ["dockerhub", "token"].map(environment.registry)
        let repository = Self.repository("pass")
        let docker = try DockerCLI.make()
        defer { docker.remove() }
        let run = try release(repository, registries: registries, inputs: ["smoke-test": Self.script, "load": "true"])
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("linux/amd64 runs x86_64"))
        #expect(result.standardOutput.contains("linux/arm64 runs aarch64"), "arm64 ran under QEMU")
        #expect(result.standardOutput.contains("::notice::The smoke test passed on linux/arm64."))
        let loaded = registries.map { "\($0.host)/\(repository):main" }
        #expect(result.standardOutput.contains("::notice::load: the linux/amd64 image stays in the engine as \(loaded.joined(separator: ", "))."))
        for tag in loaded {
            let inspected = try await docker.session.run(["image", "inspect", "--format", "{{.Os}}/{{.Architecture}}", tag])
            #expect(inspected.status == 0 && inspected.standardOutput.hasPrefix("linux/amd64"), "\(tag): \(inspected.standardError)")
        }
        let leftovers = try await docker.session.run(["image", "ls", "--format", "{{.Repository}}:{{.Tag}}", "openkf-build-smoke"])
        #expect(leftovers.standardOutput.isEmpty, "the test images are removed: \(leftovers.standardOutput)")
        for registry in registries {
            let served = try await RegistryClient(registry: registry.host, login: registry.login).manifest(repository: repository, reference: "main")
            #expect(Set(served.manifest.platforms).isSuperset(of: ["linux/amd64", "linux/arm64"]))
        }
        _ = try? await docker.session.run(["image", "rm"] + loaded)
    }

    @Test func aSmokeTestFailingOnArm64PushesNothingAnywhere() async throws {
        let environment = try TestEnvironment.load()
        let registries = try ["dockerhub", "token"].map(environment.registry)
        let repository = Self.repository("fail")
        let amd64Only = "arch=$(docker run --rm --platform \"$PLATFORM\" \"$IMAGE\")\necho \"got $arch\"\n[ \"$arch\" = x86_64 ]\n"
        let run = try release(repository, registries: registries, inputs: ["smoke-test": amd64Only])
        let result = try await run.run()
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("::error::The smoke test failed on linux/arm64 (exit status 1); nothing was pushed. Its last lines:%0Agot aarch64"),
                "\(result.standardOutput)")
        for registry in registries {
            let tags = try? await RegistryClient(registry: registry.host, login: registry.login).tags(repository: repository)
            #expect((tags ?? []).isEmpty, "\(registry.name) got \(tags ?? [])")
        }
        let summary = try String(contentsOfFile: run.root + "/file_commands/summary", encoding: .utf8)
        #expect(summary.contains("## openkf-build failed in test"))
    }
}
