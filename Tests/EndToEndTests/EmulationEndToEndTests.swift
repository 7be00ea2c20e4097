import BuildActionCore
import Foundation
import OCIRegistry
import Testing

@testable import BuildActionRuntime

/// Emulation missing for real: the host's qemu-aarch64 handler is unregistered (and restored
/// whatever happens); the run registers it through the qemu-image stand-in and succeeds.
@Suite("Emulation on the real engine", .serialized)
struct EmulationEndToEndTests {
    static let handler = "/proc/sys/fs/binfmt_misc/qemu-aarch64"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/env/setup-environment.sh").path

    static func shell(_ command: String) async throws -> CommandResult {
        try await SystemProcessRunner().run(Command("bash", ["-c", command]), input: nil)
    }

    @Test func missingEmulatorIsRegisteredThroughTheQEMUImage() async throws {
        let registry = try TestEnvironment.load().registry("acr")
        // The handler is restored whatever happens (a cleanup that awaits, where a defer cannot).
        try await withCleanup {
            if FileManager.default.fileExists(atPath: Self.handler) {
                #expect(try await Self.shell("echo -1 > \(Self.handler)").status == 0)
            }
            #expect(!FileManager.default.fileExists(atPath: Self.handler), "the handler is still registered")
            let probe = try await Self.shell("docker run --rm --platform linux/arm64 localhost:5000/base/busybox:latest uname -m")
            #expect(probe.status != 0, "arm64 still runs without the handler: \(probe.standardOutput)")

            let repository = "okf-e2e/emulation-\(ProcessInfo.processInfo.processIdentifier)"
            let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: [:], inputs: [
                "images": "\(registry.host)/\(repository)", "tags": "type=ref,event=branch",
                "registry-auth": BuildCommandEndToEndTests.registryAuth([registry]), "no-cache": "true",
            ])
            try EventsEndToEndTests.copyExamples(into: run.workspace)
            let result = try await run.run()
            #expect(result.status == 0, "\(result.standardOutput)")
            #expect(result.standardOutput.contains("::notice::Registering QEMU emulation for linux/arm64"))
            let flags = try String(contentsOfFile: Self.handler, encoding: .utf8)
            #expect(flags.contains("enabled"))
            #expect(flags.split(separator: "\n").contains { $0.hasPrefix("flags:") && $0.contains("F") })
            #expect(result.standardOutput.contains("aarch64"))
            let fetched = try await RegistryClient(registry: registry.host, login: registry.login).manifest(repository: repository, reference: "main")
            #expect(Set(fetched.manifest.platforms).isSuperset(of: ["linux/amd64", "linux/arm64"]))
        } cleanup: {
            _ = try? await Self.shell("bash '\(Self.script)' --binfmt on >/dev/null 2>&1")
        }
    }
}
