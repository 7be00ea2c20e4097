import Foundation
import Testing

@testable import BuildActionCore

@Suite("Releases that resume: build, copy from the best source, or refuse")
struct ReleaseResumeTests {
    static let hub = "docker.io/openim/openkf-server"
    static let acr = "registry.cn-hangzhou.aliyuncs.com/openimsdk/openkf-server"
    static let ghcr = "ghcr.io/openimsdk/openkf-server"
    static let release: Set<Digest> = [.named("amd64"), .named("arm64")]

    static func found(_ image: String, _ tag: String = "1.2.3", digest: String = "full", platforms: Set<Digest> = release, attestations: Bool = true) -> ReleaseResume.Found {
        ReleaseResume.Found(image: image, tag: tag, digest: .named(digest), platforms: platforms, attestations: attestations)
    }

    @Test func nothingFoundBuilds() {
        #expect(ReleaseResume.decide([]) == .build)
    }

    @Test func oneRegistryHoldingItIsCopied() {
        let source = Self.found(Self.ghcr)
        #expect(ReleaseResume.decide([source]) == .copy(sources: [source]))
    }

    /// ACR holds the index without attestations (another digest, the same platform images):
    /// the same release, and the full index is the better source even when ACR comes first.
    @Test func theFullIndexIsPreferredOverTheAttestationLessOne() {
        let plain = Self.found(Self.acr, digest: "plain", attestations: false)
        let full = Self.found(Self.ghcr)
        #expect(ReleaseResume.decide([plain, full]) == .copy(sources: [full, plain]))
    }

    /// `1.2.3` and `v1.2.3` of one image name the same index: one source, not two.
    @Test func eachImageAndDigestIsOneSource() {
        let hub = Self.found(Self.hub), hubV = Self.found(Self.hub, "v1.2.3"), ghcr = Self.found(Self.ghcr)
        #expect(ReleaseResume.decide([hub, hubV, ghcr]) == .copy(sources: [hub, ghcr]))
    }

    @Test func differentImagesInTwoRegistriesAreRefusedNamingBoth() {
        let other: Set<Digest> = [.named("amd64-rebuilt"), .named("arm64-rebuilt")]
        let decision = ReleaseResume.decide([Self.found(Self.hub), Self.found(Self.ghcr, digest: "rebuilt", platforms: other)])
        guard case .conflict(let messages) = decision else {
            Issue.record("expected a conflict, got \(decision)")
            return
        }
        #expect(messages.count == 1)
        let message = messages[0]
        #expect(message.hasPrefix("\(Self.ghcr):1.2.3 points to other images (") && message.contains(" than \(Self.hub):1.2.3 ("))
        #expect(message.contains(Digest.named("arm64-rebuilt").short) && message.contains(Digest.named("amd64").short))
        #expect(message.contains("release tags are immutable"))
    }

    @Test func twoFullVersionTagsOfOneImageThatDifferAreRefused() {
        let decision = ReleaseResume.decide([Self.found(Self.hub, "1.2.3"), Self.found(Self.hub, "v1.2.3", digest: "single", platforms: [.named("single")])])
        guard case .conflict(let messages) = decision else {
            Issue.record("expected a conflict, got \(decision)")
            return
        }
        #expect(messages == ["\(Self.hub):v1.2.3 points to other images (\(Digest.named("single").short)) than \(Self.hub):1.2.3 (\(ReleaseResume.list(Self.release))); release tags are immutable: the registries disagree on this release"])
    }

    /// A platform subset is another release too (a registry holding only amd64).
    @Test func aSubsetOfThePlatformsIsAnotherRelease() {
        let decision = ReleaseResume.decide([Self.found(Self.hub), Self.found(Self.ghcr, digest: "amd64-only", platforms: [.named("amd64")])])
        #expect(decision != .build)
        if case .copy = decision { Issue.record("a subset must not be copied") }
    }

    /// A moved Git tag: the release in the registries was built from another commit.
    @Test func anImageBuiltFromAnotherCommitIsNotCopied() {
        let source = Self.found(Self.hub)
        let run = ["org.opencontainers.image.revision=860c1904a1ce19322e91ac35af1ab07466440c37", "org.opencontainers.image.title=openkf"]
        let moved = ReleaseResume.otherSources(source, imageLabels: ["org.opencontainers.image.revision": "1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5"], runLabels: run)
        #expect(moved == "\(Self.hub):1.2.3 was built from commit 1a2b3c4d5e6f, this run builds 860c1904a1ce; release tags are immutable: the release cannot take other sources")
        #expect(ReleaseResume.otherSources(source, imageLabels: ["org.opencontainers.image.revision": "860c1904a1ce19322e91ac35af1ab07466440c37"], runLabels: run) == nil)
        #expect(ReleaseResume.otherSources(source, imageLabels: [:], runLabels: run) == nil, "an image without the label is copied")
        #expect(ReleaseResume.otherSources(source, imageLabels: ["org.opencontainers.image.revision": "1a2b"], runLabels: ["a=b"]) == nil, "labels: without revision")
    }

    @Test func configLabelsAreRead() {
        let config = Data(#"{"architecture":"arm64","os":"linux","config":{"Labels":{"org.opencontainers.image.revision":"abc","n":1}}}"#.utf8)
        #expect(ImageManifest.labels(ofConfig: config) == ["org.opencontainers.image.revision": "abc"])
        #expect(ImageManifest.labels(ofConfig: Data("{}".utf8)).isEmpty)
    }
}
