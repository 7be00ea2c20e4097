import Foundation
import Testing

@testable import BuildActionCore

/// The manifest parser's and the index composer's failures, word for word.
@Suite("Manifest errors")
struct ManifestErrorTests {
    static let digest = Digest("sha256:" + String(repeating: "ab", count: 32))!

    @Test(arguments: [
        (ManifestError.digestMismatch(digest: digest), "manifest \(digest) does not match its digest", nil),
        (.noManifestsList, "the index has no manifests list", nil),
        (.noPlatform(digest: digest), "the image \(digest) names no platform", "Run mode: platform with one platform per run."),
        (.listedTwice(digest: digest), "the image \(digest) is listed twice",
         "Each digest file in digests-dir must come from a different mode: platform run."),
    ] as [(ManifestError, String, String?)])
    func messages(_ error: ManifestError, _ message: String, _ hint: String?) {
        #expect(error.description == message)
        #expect(error.hint == hint)
    }

    /// A registry's HTML error page instead of a manifest: the JSON parser's message.
    @Test func notJSONQuotesTheParser() {
        #expect {
            try ImageManifest(parsing: Data("<html>".utf8), headerType: nil)
        } throws: { error in
            guard case .notJSON(let reason)? = error as? ManifestError else { return false }
            return reason.hasPrefix("Unexpected token in JSON: ") && (error as? ManifestError)?.description == reason
        }
    }

    static func part(_ data: Data, platform: String?) -> IndexComposer.Part {
        IndexComposer.Part(digest: Digest.sha256(of: data), mediaType: "application/vnd.oci.image.manifest.v1+json", data: data, platform: platform)
    }

    @Test func theMergeRefusesAnImageWithoutPlatform() {
        let amd = PushableImageTests.amd64
        #expect(throws: ManifestError.noPlatform(digest: Digest.sha256(of: amd))) {
            try IndexComposer.compose([Self.part(amd, platform: nil)], annotations: [], attestations: true)
        }
    }

    /// The same image from two digest files used to be reported as naming no platform.
    @Test func theMergeSaysAnImageIsListedTwice() {
        let amd = PushableImageTests.amd64
        #expect(throws: ManifestError.listedTwice(digest: Digest.sha256(of: amd))) {
            try IndexComposer.compose([Self.part(amd, platform: "linux/amd64"), Self.part(amd, platform: "linux/amd64")], annotations: [], attestations: true)
        }
    }
}
