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
            promise: "a re-run of the same release passes: same platform images (attestations differ by their timestamps), blobs already there are skipped",
            before: [earlierRelease()],
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(releaseTags), phases: publishing,
                check: { outcome in
                    let first = try #require(outcome.earlier.first)
                    #expect(first.outputs["digest"] != outcome.result.outputs["digest"], "the attestations carry the build time")
                    for image in images {
                        let (registry, repository) = place(outcome.world, image)
                        let before = try #require(first.registries[image]?["digest"] as? String)
                        let now = try #require(outcome.result.registries[image]?["digest"] as? String)
                        #expect(try platformImages(registry, repository, before) == platformImages(registry, repository, now), "\(image)")
                    }
                    let push = try #require(outcome.result.log.first { $0.phase == "push" && $0.registry == "docker.io" })
                    #expect(push.detail?.hasPrefix("4 blobs uploaded") == true && push.detail?.hasSuffix("6 already there") == true, "\(push.detail ?? "")")
                })),
        Scenario(
            name: "release-tags-are-immutable",
            promise: "a full-version tag pointing to other platform images stops the run before anything is pushed; nothing moves",
            before: [earlierRelease(otherSources)],
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                status: 1, errors: nil,
                lines: ["::notice::Nothing was pushed. A full-version tag names one release: publish a new version, or set allow-overwrite: true to move it deliberately."],
                phases: logins + ["emulation 0", "builder 0", "build 0", "release-tags 1"], nothingWritten: true,
                check: { outcome in
                    let errors = outcome.result.errors
                    #expect(errors.count == 6, "1.2.3 and v1.2.3 in three registries: \(errors)")
                    for image in images {
                        for tag in ["1.2.3", "v1.2.3"] {
                            #expect(errors.contains { $0.hasPrefix("::error::\(image):\(tag) already points to other images (sha256:") && $0.hasSuffix("); release tags are immutable") })
                        }
                    }
                    #expect(outcome.result.outputs.isEmpty)
                    let first = try #require(outcome.earlier.first)
                    for image in images {
                        let (registry, repository) = place(outcome.world, image)
                        let before = try #require(first.registries[image]?["digest"] as? String)
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
