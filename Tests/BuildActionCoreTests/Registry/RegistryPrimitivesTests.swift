import Foundation
import Testing

@testable import BuildActionCore

@Suite("Registry primitives: SHA-256, auth challenges, manifests")
struct RegistryPrimitivesTests {
    /// FIPS 180-4 / NIST example vectors.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func sha256Vectors(_ message: String, _ hex: String) {
        #expect(SHA256.digest(Array(message.utf8)) == "sha256:" + hex)
    }

    @Test func sha256MillionA() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: 0x61, count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        #expect(hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func sha256AcrossBlockBoundaries() {
        let bytes = (0..<1000).map { UInt8($0 % 251) }
        var split = SHA256()
        split.update(bytes[..<63])
        split.update(bytes[63..<129])
        split.update(bytes[129...])
        #expect(split.finalize() == SHA256.hash(bytes))
    }

    @Test func bearerChallenge() throws {
        let challenge = try #require(AuthChallenge(header: #"Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:openimsdk/openkf-server:pull""#))
        #expect(challenge.scheme == "bearer")
        #expect(challenge.parameters == ["realm": "https://ghcr.io/token", "service": "ghcr.io", "scope": "repository:openimsdk/openkf-server:pull"])
    }

    @Test func basicAndOddChallenges() throws {
        #expect(AuthChallenge(header: #"Basic realm="Registry Realm""#) == AuthChallenge(scheme: "basic", parameters: ["realm": "Registry Realm"]))
        #expect(AuthChallenge(header: #"bearer realm=http://127.0.0.1:5005/token, service=okf , error="insufficient_scope""#)?.parameters
            == ["realm": "http://127.0.0.1:5005/token", "service": "okf", "error": "insufficient_scope"])
        #expect(AuthChallenge(header: #"Bearer realm="a\"b""#)?.parameters["realm"] == "a\"b")
        #expect(AuthChallenge(header: "   ") == nil)
    }

    @Test func indexWithAttestations() throws {
        let document = #"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\#(Digest.named("aa"))","size":1,"platform":{"architecture":"amd64","os":"linux"}},
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\#(Digest.named("bb"))","size":1,"platform":{"architecture":"arm","os":"linux","variant":"v7"}},
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\#(Digest.named("cc"))","size":1,"platform":{"architecture":"unknown","os":"unknown"},
              "annotations":{"vnd.docker.reference.digest":"\#(Digest.named("aa"))","vnd.docker.reference.type":"attestation-manifest"}}]}
            """#
        let manifest = try ImageManifest(parsing: Data(document.utf8), headerType: nil)
        #expect(manifest.isIndex)
        #expect(manifest.platforms == ["linux/amd64", "linux/arm/v7"])
        #expect(manifest.entries.count == 3)
        #expect(manifest.platformEntryDigests == [.named("aa"), .named("bb")])
    }

    /// Digests end up in registry URLs and layout paths: only `sha256:`/`sha512:` and
    /// lower-case hex of the right length are digests.
    @Test(arguments: [
        ("sha256:" + String(repeating: "0a", count: 32), true), ("sha512:" + String(repeating: "f", count: 128), true),
        ("sha256:" + String(repeating: "0A", count: 32), false), ("sha256:" + String(repeating: "a", count: 63), false),
        ("sha256:" + String(repeating: "a", count: 65), false), ("sha384:" + String(repeating: "a", count: 96), false),
        ("sha256:aa", false), ("sha256:../../../etc/passwd", false), ("sha256:" + String(repeating: "a", count: 62) + "/x", false),
        (String(repeating: "a", count: 64), false), ("", false), ("sha256:" + String(repeating: "a", count: 64) + "?", false),
    ])
    func digestForms(_ text: String, _ valid: Bool) {
        #expect((Digest(text) != nil) == valid)
        #expect(Digest(text).map(\.description) == (valid ? text : nil))
    }

    @Test func aDigestKnowsItsParts() throws {
        let digest = try #require(Digest("sha256:" + String(repeating: "0123456789abcdef", count: 4)))
        #expect(digest.algorithm == "sha256" && digest.encoded.count == 64 && digest.short == "sha256:0123456789ab")
        #expect(Digest.sha256(of: Array("".utf8)).description == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    /// A manifest naming something else as a digest is refused while it is read, quoting it.
    @Test(arguments: [
        #"{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:../../x","size":1}]}"#,
        #"{"schemaVersion":2,"config":{"digest":"md5:abc"},"layers":[]}"#,
        #"{"schemaVersion":2,"config":{"digest":"\#(Digest.named("c"))"},"layers":[{"digest":"sha256:AB"}]}"#,
    ])
    func manifestsWithBadDigests(_ document: String) {
        #expect {
            try ImageManifest(parsing: Data(document.utf8), headerType: nil)
        } throws: { error in
            guard case .invalidDigest(let text)? = error as? ManifestError else { return false }
            return (error as? ManifestError)?.description == "the manifest names a digest that is not sha256: or sha512: and lower-case hex: \(InputError.quoted(text))"
        }
    }

    @Test func singleManifestUsesContentType() throws {
        let manifest = try ImageManifest(parsing: Data(#"{"schemaVersion":2,"config":{}}"#.utf8), headerType: "application/vnd.docker.distribution.manifest.v2+json")
        #expect(!manifest.isIndex)
        #expect(manifest.platforms.isEmpty)
        #expect(throws: ManifestError.self) { try ImageManifest(parsing: Data("<html>".utf8), headerType: nil) }
    }
}
