import Foundation
import Testing

extension ScenarioTable {
    /// The job of a release two days earlier (its attestations carry that time).
    static func earlierRelease(_ dockerfile: String = ScenarioJob.dockerfile, inputs: [String: String] = ScenarioJob.openkf) -> ScenarioJob {
        ScenarioJob(event: .tag("v1.2.3"), inputs: inputs,
                    files: ScenarioJob.openkfFiles.merging(["deploy/docker/Dockerfile.server": dockerfile]) { $1 },
                    clock: ScenarioJob.now.addingTimeInterval(-2 * 86_400))
    }

    /// The same release with other sources (a commit moved the tag, a rebuild changed a layer).
    static let otherSources = ScenarioJob.dockerfile + "\nRUN echo patched > /etc/openkf-patch\n"

    /// The platform image digests an index names (attestations left out).
    static func platformImages(_ registry: InMemoryRegistry, _ repository: String, _ digest: String) throws -> Set<String> {
        let manifest = try #require(registry.manifest(repository, digest))
        let index = try #require(try JSONSerialization.jsonObject(with: manifest.data) as? [String: Any])
        return Set((index["manifests"] as? [[String: Any]] ?? []).compactMap { entry in
            (entry["annotations"] as? [String: String])?["vnd.docker.reference.type"] == nil ? entry["digest"] as? String : nil
        })
    }

    /// Image name → (registry, repository).
    static func place(_ world: ScenarioWorld, _ image: String) -> (InMemoryRegistry, String) {
        switch image {
        case hub: return (world.dockerHub, "openim/openkf-server")
        case acr: return (world.acr, "openimsdk/openkf-server")
        default: return (world.ghcr, "openimsdk/openkf-server")
        }
    }

    /// Immutable release tags.
    static let releases: [Scenario] = [
        Scenario(
            name: "release-re-run-passes",
            promise: "a re-run of a release every registry already serves copies it instead of building: nothing built, the same index digest, nothing uploaded",
            before: [earlierRelease()],
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(releaseTags), phases: logins + ["copy 0 docker.io"] + pushedAndVerified,
                check: { outcome in
                    let first = try #require(outcome.earlier.first)
                    #expect(first.outputs["digest"] == outcome.result.outputs["digest"], "the release's own index, not a rebuild")
                    for image in images {
                        #expect(first.registries[image]?["digest"] as? String == outcome.result.registries[image]?["digest"] as? String, "\(image)")
                    }
                    let push = try #require(outcome.result.log.first { $0.phase == "push" && $0.registry == "docker.io" })
                    #expect(push.detail?.hasPrefix("0 blobs uploaded") == true && push.detail?.hasSuffix("10 already there") == true, "\(push.detail ?? "")")
                    #expect(outcome.result.stdout.contains { $0.hasPrefix("::notice::1.2.3 already exists in openim/openkf-server (sha256:") && $0.contains("instead of building") })
                    #expect(!outcome.result.log.contains { $0.phase == "build" })
                })),
        Scenario(
            name: "release-resumed-by-copy",
            promise: "a release that reached two registries (the third failed) is copied to the third on a re-run, not rebuilt: the full index with attestations from Docker Hub, not ACR's",
            before: [earlierRelease(otherSources, inputs: ScenarioJob.openkf(["images": "\(acr)\n\(hub)"]))],
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(releaseTags), phases: logins + ["copy 0 docker.io"] + pushedAndVerified,
                check: { outcome in
                    let first = try #require(outcome.earlier.first)
                    let released = try #require(first.registries[hub]?["digest"] as? String)
                    #expect(outcome.result.outputs["digest"] == released)
                    #expect(outcome.result.registries[ghcr]?["digest"] as? String == released, "GHCR gets Docker Hub's index, attestations and all")
                    #expect(outcome.result.registries[acr]?["digest"] as? String == first.registries[acr]?["digest"] as? String)
                    let (registry, repository) = place(outcome.world, ghcr)
                    #expect(try platformImages(registry, repository, released) == platformImages(outcome.world.dockerHub, "openim/openkf-server", released))
                    let copy = try #require(outcome.result.log.first { $0.phase == "copy" })
                    #expect(copy.registry == "docker.io" && copy.detail?.hasPrefix("copied from openim/openkf-server:1.2.3: \(released), platform images sha256:") == true, "\(copy.detail ?? "")")
                    let metadata = try #require(try JSONSerialization.jsonObject(with: Data((outcome.result.outputs["metadata"] ?? "").utf8)) as? [String: Any])
                    #expect(metadata["containerimage.digest"] as? String == released && metadata["openkf-build.copied-from"] as? String == "openim/openkf-server:1.2.3")
                    #expect(outcome.result.summary.contains("**Copied, not built.**"))
                })),
        Scenario(
            name: "release-tags-are-immutable",
            promise: "registries that serve other platform images under one full-version tag stop the run before anything is built or pushed; nothing moves",
            before: [earlierRelease(), earlierRelease(otherSources, inputs: ScenarioJob.openkf(["images": ghcr, "allow-overwrite": "true"]))],
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                status: 1, errors: nil,
                lines: ["::notice::Nothing was pushed. A full-version tag names one release: publish a new version, or set allow-overwrite: true to move it deliberately."],
                phases: logins + ["release-tags 1"], nothingWritten: true,
                check: { outcome in
                    let errors = outcome.result.errors
                    #expect(errors.count == 2, "1.2.3 and v1.2.3 in GHCR: \(errors)")
                    for tag in ["1.2.3", "v1.2.3"] {
                        #expect(errors.contains { $0.hasPrefix("::error::\(ghcr):\(tag) points to other images (sha256:") && $0.contains(" than \(hub):1.2.3 (sha256:")
                            && $0.hasSuffix("; release tags are immutable: the registries disagree on this release") }, "\(errors)")
                    }
                    #expect(outcome.result.outputs.isEmpty)
                    for (index, image) in images.enumerated() {
                        let earlier = outcome.earlier[image == ghcr ? 1 : 0]
                        let (registry, repository) = place(outcome.world, image)
                        let before = try #require(earlier.registries[image]?["digest"] as? String, "\(index)")
                        #expect(registry.tags(in: repository) == Dictionary(uniqueKeysWithValues: releaseTags.map { ($0, before) }), "\(image): nothing moved")
                    }
                })),
        Scenario(
            name: "release-tag-moved-with-allow-overwrite",
            promise: "allow-overwrite: true moves a full-version tag on purpose",
            before: [earlierRelease(otherSources)],
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf(["allow-overwrite": "true"])),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(releaseTags), phases: publishing,
                check: { outcome in
                    let first = try #require(outcome.earlier.first)
                    for image in images {
                        let (registry, repository) = place(outcome.world, image)
                        let before = try #require(first.registries[image]?["digest"] as? String)
                        let now = try #require(registry.tags(in: repository)["1.2.3"])
                        #expect(try platformImages(registry, repository, before).isDisjoint(with: platformImages(registry, repository, now)), "\(image) moved")
                    }
                })),
        Scenario(
            name: "floating-tags-move-without-allow-overwrite",
            promise: "floating tags (main, latest, sha) move as usual: only full versions are immutable",
            before: [ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf,
                                 files: ScenarioJob.openkfFiles.merging(["deploy/docker/Dockerfile.server": otherSources]) { $1 },
                                 clock: ScenarioJob.now.addingTimeInterval(-86_400))],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(mainTags), phases: publishing,
                check: { outcome in
                    let first = try #require(outcome.earlier.first)
                    #expect(first.outputs["digest"] != outcome.result.outputs["digest"])
                })),
    ]
}
