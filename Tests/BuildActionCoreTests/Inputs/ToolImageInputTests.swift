import DockerMetadata
import Testing

@testable import BuildActionCore

/// `qemu-image` (run with --privileged) and `buildkit-image` (the builder's container) become
/// docker arguments: only an image reference, `name[:tag][@digest]`, is accepted.
@Suite("qemu-image and buildkit-image")
struct ToolImageInputTests {
    static let digest = "sha256:" + String(repeating: "0a", count: 32)

    @Test(arguments: [
        ("qemu-image", "--privileged"), ("qemu-image", "-v"), ("qemu-image", "tonistiigi/binfmt --install all"),
        ("qemu-image", "Tonistiigi/binfmt"), ("qemu-image", "tonistiigi/binfmt@sha256:abc"), ("qemu-image", "tonistiigi/binfmt:"),
        ("buildkit-image", "moby/buildkit:v0.23.2,network=none"), ("buildkit-image", "-moby/buildkit"),
        ("buildkit-image", "moby/buildkit@md5:0123"), ("buildkit-image", "docker://moby/buildkit"),
    ])
    func refusesWhatIsNotAnImageReference(_ input: String, _ value: String) {
        #expect {
            _ = try BuildActionInputs(environment: [ActionInputReader.variableName(input): value])
        } throws: { error in
            (error as? InputError)?.input == input
        }
    }

    @Test func defaultsArePinnedByDigest() throws {
        let inputs = try BuildActionInputs(environment: [:])
        #expect(inputs.qemuImage.description == "tonistiigi/binfmt:qemu-v7.0.0-28@sha256:66e11bea77a5ea9d6f0fe79b57cd2b189b5d15b93a2bdb925be22949232e4e55")
        #expect(inputs.buildkitImage.description == "moby/buildkit:v0.23.2@sha256:ddd1ca44b21eda906e81ab14a3d467fa6c39cd73b9a39df1196210edcb8db59e")
        #expect(inputs.qemuImage.isPinned && inputs.buildkitImage.isPinned)
        #expect(inputs.imageNotices.isEmpty)
    }

    @Test func userValuesPinnedOrNot() throws {
        let pinned = "localhost:5000/tonistiigi/binfmt:qemu-v7.0.0-28@" + Self.digest
        let inputs = try BuildActionInputs(environment: ["INPUT_QEMU-IMAGE": pinned, "INPUT_BUILDKIT-IMAGE": "moby/buildkit:buildx-stable-1"])
        #expect(inputs.qemuImage.description == pinned)
        #expect(inputs.buildkitImage.description == "moby/buildkit:buildx-stable-1")
        #expect(inputs.imageNotices.count == 1)
        let notice = try #require(inputs.imageNotices.first)
        #expect(notice.hasPrefix("buildkit-image moby/buildkit:buildx-stable-1 is not pinned by digest"))
        #expect(notice.contains("docker buildx imagetools inspect moby/buildkit:buildx-stable-1"))
    }

    @Test(arguments: [
        ("tonistiigi/binfmt", "tonistiigi/binfmt", nil, nil),
        ("tonistiigi/binfmt:qemu-v7.0.0-28", "tonistiigi/binfmt", "qemu-v7.0.0-28", nil),
        ("tonistiigi/binfmt:qemu-v7.0.0-28@" + digest, "tonistiigi/binfmt", "qemu-v7.0.0-28", digest),
        ("moby/buildkit@" + digest, "moby/buildkit", nil, digest),
        ("localhost:5000/a/b:v1@" + digest, "localhost:5000/a/b", "v1", digest),
        ("localhost:5000/a/b", "localhost:5000/a/b", nil, nil),
    ] as [(String, String, String?, String?)])
    func grammar(_ text: String, _ name: String, _ tag: String?, _ digest: String?) throws {
        let reference = try ImageReference.Pull(parsing: text, input: "qemu-image")
        #expect(reference.name == name)
        #expect(reference.tag == tag)
        #expect(reference.digest == digest)
        #expect(reference.description == text)
    }
}
