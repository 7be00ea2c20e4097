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
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:aa","size":1,"platform":{"architecture":"amd64","os":"linux"}},
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:bb","size":1,"platform":{"architecture":"arm","os":"linux","variant":"v7"}},
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:cc","size":1,"platform":{"architecture":"unknown","os":"unknown"},
              "annotations":{"vnd.docker.reference.digest":"sha256:aa","vnd.docker.reference.type":"attestation-manifest"}}]}
            """#
        let manifest = try ImageManifest(parsing: Data(document.utf8), headerType: nil)
        #expect(manifest.isIndex)
        #expect(manifest.platforms == ["linux/amd64", "linux/arm/v7"])
        #expect(manifest.entries.count == 3)
    }

    @Test func singleManifestUsesContentType() throws {
        let manifest = try ImageManifest(parsing: Data(#"{"schemaVersion":2,"config":{}}"#.utf8), headerType: "application/vnd.docker.distribution.manifest.v2+json")
        #expect(!manifest.isIndex)
        #expect(manifest.platforms.isEmpty)
        #expect(throws: ManifestError.self) { try ImageManifest(parsing: Data("<html>".utf8), headerType: nil) }
    }
}
