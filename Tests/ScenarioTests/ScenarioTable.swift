import Foundation
import Testing

/// The rows of the scenario table, grouped by the README's sections (one extension each), and
/// what many rows share.
enum ScenarioTable {
    static let hub = ScenarioJob.hubImage
    static let acr = ScenarioJob.acrImage
    static let ghcr = ScenarioJob.ghcrImage
    static let images = [hub, acr, ghcr]

    /// The README's tag table for commit 860c190.
    static let releaseTags: Set<String> = ["1.2.3", "v1.2.3", "1.2", "1", "sha-860c190"]
    static let mainTags: Set<String> = ["main", "latest", "sha-860c190"]

    /// `tags` in every one of the three registries.
    static func everywhere(_ tags: Set<String>) -> [String: Set<String>] {
        Dictionary(uniqueKeysWithValues: images.map { ($0, tags) })
    }

    /// The three image names published; ACR without attestations (`*.aliyuncs.com`).
    static let allPublished: [String: Expectation.Publication] = [hub: .pushed, acr: .pushedWithoutAttestations, ghcr: .pushed]

    /// The logins of the three registries, in the order they happen.
    static let logins = ["login 0 docker.io", "login 0 ghcr.io", "login 0 registry.cn-hangzhou.aliyuncs.com"]

    /// Pushes to and verifications of the three registries (verified in the order of `images`).
    static let pushedAndVerified = ["push 0 docker.io", "push 0 ghcr.io", "push 0 registry.cn-hangzhou.aliyuncs.com",
                                    "verify 0 docker.io", "verify 0 registry.cn-hangzhou.aliyuncs.com", "verify 0 ghcr.io"]

    /// A whole publishing run to the three registries.
    static let publishing = logins + ["emulation 0", "builder 0", "build 0"] + pushedAndVerified

    /// `tags` output lines: every image with every tag, image by image.
    static func tagsOutput(_ tags: [String], images: [String] = images) -> String {
        images.flatMap { image in tags.map { "\(image):\($0)" } }.joined(separator: "\n")
    }

    /// The run reached the registries with the same index digest buildx reported, and the
    /// ACR copy is the same platform images without the attestation manifests.
    static let sameIndexEverywhere: @Sendable (ScenarioOutcome) throws -> Void = { outcome in
        let result = outcome.result
        let digest = try #require(result.outputs["digest"])
        let metadata = try #require(try JSONSerialization.jsonObject(with: Data((result.outputs["metadata"] ?? "").utf8)) as? [String: Any])
        #expect(metadata["containerimage.digest"] as? String == digest, "the digest output is what buildx built")
        #expect(result.registries[hub]?["digest"] as? String == digest)
        #expect(result.registries[ghcr]?["digest"] as? String == digest)
        let plain = try #require(result.registries[acr]?["digest"] as? String)
        #expect(plain != digest)
        let full = try #require(outcome.world.dockerHub.manifest("openim/openkf-server", digest))
        let stripped = try #require(outcome.world.acr.manifest("openimsdk/openkf-server", plain))
        let platforms = { (data: Data) throws -> [String] in
            let index = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            return (index["manifests"] as? [[String: Any]] ?? []).compactMap { entry in
                (entry["annotations"] as? [String: String])?["vnd.docker.reference.type"] == nil ? entry["digest"] as? String : nil
            }
        }
        #expect(try platforms(full.data) == platforms(stripped.data), "ACR gets the same platform images")
        #expect(try platforms(full.data).count == 2)
    }
}
