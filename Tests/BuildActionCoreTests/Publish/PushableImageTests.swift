import Foundation
import Testing

@testable import BuildActionCore

@Suite("An image as pushed: index, manifests, blobs, attestations")
struct PushableImageTests {
    /// An image manifest whose configuration and layers are the digests standing for the names.
    static func manifest(config: String, layers: [String]) -> Data {
        let layerText = layers.map { #"{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"\#(Digest.named($0))","size":10}"# }
        return Data(#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\#(Digest.named(config))","size":5},"layers":[\#(layerText.joined(separator: ","))]}"#.utf8)
    }

    static let amd64 = manifest(config: "c1", layers: ["base", "l1"])
    static let arm64 = manifest(config: "c2", layers: ["base", "l2"])
    static let attestation = manifest(config: "c3", layers: ["provenance"])

    static func entry(_ data: Data, platform: (String, String), attestationFor: Digest? = nil) -> String {
        let annotations = attestationFor.map { #","annotations":{"vnd.docker.reference.digest":"\#($0)","vnd.docker.reference.type":"attestation-manifest"}"# } ?? ""
        return #"{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\#(Digest.sha256(of: data))","size":\#(data.count),"platform":{"architecture":"\#(platform.1)","os":"\#(platform.0)"}\#(annotations)}"#
    }

    static let index = Data(("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
        + [entry(amd64, platform: ("linux", "amd64")), entry(arm64, platform: ("linux", "arm64")),
           entry(attestation, platform: ("unknown", "unknown"), attestationFor: Digest.sha256(of: amd64))].joined(separator: ",")
        + "],\"annotations\":{\"org.opencontainers.image.description\":\"x\"}}").utf8)

    /// A manifest the test image does not have.
    struct Missing: Error {
        let digest: Digest
    }

    static func read(_ digest: Digest) throws -> Data {
        guard let data = [amd64, arm64, attestation].first(where: { Digest.sha256(of: $0) == digest }) else { throw Missing(digest: digest) }
        return data
    }

    /// Platforms and sizes come from the pushed manifests (no registry read): attestations
    /// left out, a single manifest's platform from its configuration.
    @Test func platformImagesFromThePushedManifests() throws {
        let image = try PushableImage(top: Self.index, mediaType: nil, read: Self.read)
        let sizes = image.platformImages { _ in Issue.record("an index names its platforms"); return nil }
        #expect(sizes.map(\.platform) == ["linux/amd64", "linux/arm64"] && sizes.map(\.bytes) == [20, 20])
        let single = try PushableImage(top: Self.amd64, mediaType: nil, read: Self.read)
        #expect(single.platformImages { $0 == .named("c1") ? "linux/riscv64" : nil }.map(\.platform) == ["linux/riscv64"])
        #expect(single.platformImages { _ in nil }.map(\.platform) == ["image"])
    }

    /// What to do, by what a registry answered.
    @Test(arguments: [
        ("docker.io", 429, "GET x answered 429; rate limit: 0 of 100 pulls left per 6 h", "log in"),
        ("registry.example.com", nil, "refusing to send the credentials to the token realm http://a/token over plain http", "auth.token.realm"),
        ("ghcr.io", 201, "the upload of sha256:a was stored as sha256:b", "alter uploads"),
        ("ghcr.io", nil, "could not reach proxy http://10.0.0.1:3128 (from HTTPS_PROXY) for ghcr.io:443", "NO_PROXY"),
        ("ghcr.io", 403, "the token does not allow repository:o/r:pull,push", "packages: write"),
    ] as [(String, Int?, String, String)])
    func hints(_ registry: String, _ status: Int?, _ message: String, _ expected: String) {
        #expect(PublishFailureHint.hint(registry: registry, status: status, message: message).contains(expected))
    }

    @Test func readsTheIndexAndItsManifests() throws {
        let image = try PushableImage(top: Self.index, mediaType: nil, read: Self.read)
        #expect(image.top.digest == Digest.sha256(of: Self.index))
        #expect(image.children.map(\.platform) == ["linux/amd64", "linux/arm64", "unknown/unknown"])
        #expect(image.children.map(\.isAttestation) == [false, false, true])
        #expect(image.hasAttestations)
        #expect(image.platformDigests == [Digest.sha256(of: Self.amd64), Digest.sha256(of: Self.arm64)])
        #expect(image.blobs == ["c1", "base", "l1", "c2", "l2", "c3", "provenance"].map(Digest.named))
    }

    @Test func dropsAttestationsIntoANewIndex() throws {
        let image = try PushableImage(top: Self.index, mediaType: nil, read: Self.read)
        let plain = try image.withoutAttestations()
        #expect(!plain.hasAttestations)
        #expect(plain.top.digest != image.top.digest)
        #expect(plain.top.digest == Digest.sha256(of: plain.top.data))
        #expect(plain.platformDigests == image.platformDigests)
        #expect(!plain.blobs.contains(.named("provenance")))
        let reparsed = try ImageManifest(parsing: plain.top.data, headerType: nil)
        #expect(reparsed.isIndex)
        #expect(reparsed.platforms == ["linux/amd64", "linux/arm64"])
        #expect(reparsed.annotations == ["org.opencontainers.image.description": "x"])
        #expect(try plain.withoutAttestations() == plain)
    }

    @Test func aSingleManifestIsItsOwnPlatformImage() throws {
        let image = try PushableImage(top: Self.amd64, mediaType: nil, read: Self.read)
        #expect(image.children.isEmpty)
        #expect(image.platformDigests == [Digest.sha256(of: Self.amd64)])
        #expect(image.blobs == ["c1", "base", "l1"].map(Digest.named))
    }

    @Test func refusesAManifestThatDoesNotMatchItsDigest() {
        #expect(throws: ManifestError.digestMismatch(digest: Digest.sha256(of: Self.arm64))) {
            _ = try PushableImage(top: Self.index, mediaType: nil) { digest in
                digest == Digest.sha256(of: Self.arm64) ? Self.amd64 : try Self.read(digest)
            }
        }
    }
}
