import BuildActionCore
import Foundation
import OCIRegistry
import Testing

@testable import BuildActionRuntime

/// `qemu-image` as `name:tag@sha256:digest` on the real engine: docker runs the pinned image
/// (the stand-in, pushed to the base registry, pinned by the digest that registry serves).
@Suite("Images pinned by digest on the real engine")
struct PinnedImageEndToEndTests {
    @Test func qemuImagePinnedByTagAndDigestRuns() async throws {
        let repository = "tonistiigi/binfmt", tag = "qemu-v7.0.0-28"
        let digest = try #require(try await RegistryClient(registry: "localhost:5000", login: nil).manifestDigest(repository: repository, reference: tag))
        let pinned = "localhost:5000/\(repository):\(tag)@\(digest)"
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: ["ref": "refs/heads/main", "repository": ["default_branch": "main"]], inputs: [
            "images": "localhost:5000/okf-e2e/pinned-\(ProcessInfo.processInfo.processIdentifier)", "tags": "type=ref,event=branch",
            "push": "false", "platforms": "linux/amd64", "qemu-image": pinned,
        ])
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("::notice::qemu-image"), "a pinned image needs no notice")
        let log = try String(contentsOfFile: run.workspace + "/.openkf-build/build-log.jsonl", encoding: .utf8)
        #expect(log.contains("docker run --rm --privileged \(pinned)"), "\(log)")

        // The same image unpinned still runs, with a notice recommending the pin.
        let unpinned = try ActionRun(event: "push", ref: "refs/heads/main", payload: ["ref": "refs/heads/main", "repository": ["default_branch": "main"]], inputs: [
            "images": "localhost:5000/okf-e2e/pinned-\(ProcessInfo.processInfo.processIdentifier)", "tags": "type=ref,event=branch",
            "push": "false", "platforms": "linux/amd64", "qemu-image": "localhost:5000/\(repository):\(tag)",
        ])
        try unpinned.writeDockerfile()
        let plain = try await unpinned.run()
        #expect(plain.status == 0, "\(plain.standardOutput)")
        #expect(plain.standardOutput.contains("::notice::qemu-image localhost:5000/\(repository):\(tag) is not pinned by digest"), "\(plain.standardOutput)")
    }
}
