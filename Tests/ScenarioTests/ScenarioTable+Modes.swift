import Foundation
import Testing

extension ScenarioTable {
    /// A `mode: platform` job of the release for one platform (on its own native runner).
    static func platformJob(_ platform: String, clock: Date = ScenarioJob.now.addingTimeInterval(-3600), inputs: [String: String] = [:]) -> ScenarioJob {
        ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf(["mode": "platform", "platforms": platform].merging(inputs) { $1 }), clock: clock)
    }

    /// Native runners: `mode: platform` and `mode: merge`.
    static let modes: [Scenario] = [
        Scenario(
            name: "platform-mode-pushes-by-digest",
            promise: "mode: platform builds its one platform, pushes it by digest (no tags) and writes a digest file for the merge",
            job: platformJob("linux/arm64", clock: ScenarioJob.now),
            expect: Expectation(
                outputs: ["pushed": "true", "digest-file": ".openkf-build/digests/linux-arm64.json"],
                publications: allPublished, registryTags: everywhere([]), phases: publishing,
                check: { outcome in
                    let result = outcome.result
                    let build = try #require(result.docker.builds.first)
                    #expect(build.arguments.platforms == ["linux/arm64"])
                    let text = try String(contentsOfFile: outcome.world.workspace + "/.openkf-build/digests/linux-arm64.json", encoding: .utf8)
                    let file = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                    #expect(file["platform"] as? String == "linux/arm64")
                    #expect(file["digest"] as? String == result.outputs["digest"])
                    let byImage = try #require(file["images"] as? [String: String])
                    for image in images {
                        let (registry, repository) = place(outcome.world, image)
                        let digest = try #require(result.registries[image]?["digest"] as? String)
                        #expect(byImage[image] == digest)
                        #expect(registry.manifest(repository, digest) != nil, "\(image) has its image by digest")
                        #expect((result.registries[image]?["tags"] as? [String]) == [])
                    }
                    // The summary names no tag: mode: platform puts none.
                    let rows = result.summary.split(separator: "\n").filter { $0.hasPrefix("| `") }
                    #expect(rows.count == 3)
                    #expect(rows.allSatisfy { !$0.contains("`1.2.3`") }, "the summary names tags that were not pushed")
                })),
        Scenario(
            name: "platform-jobs-keep-separate-caches",
            promise: "the platform jobs of one release keep separate build caches (cache: registry), instead of overwriting one key",
            before: [platformJob("linux/amd64", inputs: ["cache": "registry"])],
            job: platformJob("linux/arm64", clock: ScenarioJob.now, inputs: ["cache": "registry"]),
            expect: Expectation(
                outputs: ["pushed": "true", "digest-file": ".openkf-build/digests/linux-arm64.json"],
                publications: allPublished, registryTags: everywhere([]), phases: publishing,
                check: { outcome in
                    let amd = try #require(outcome.earlier.first?.docker.builds.first).arguments
                    let arm = try #require(outcome.result.docker.builds.first).arguments
                    #expect(amd.cacheTo == ["type=registry,ref=docker.io/openim/openkf-server:buildcache-linux-amd64,mode=max,image-manifest=true,oci-mediatypes=true"])
                    #expect(arm.cacheFrom == ["type=registry,ref=docker.io/openim/openkf-server:buildcache-linux-arm64"])
                    #expect(arm.cacheTo == ["type=registry,ref=docker.io/openim/openkf-server:buildcache-linux-arm64,mode=max,image-manifest=true,oci-mediatypes=true"])
                })),
        Scenario(
            name: "merge-mode-composes-the-index",
            promise: "mode: merge tags the multi-platform index of the platform jobs' images in every registry, without building",
            before: [platformJob("linux/amd64"), platformJob("linux/arm64")],
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf(["mode": "merge"]),
                             environment: ["DOCKER_METADATA_ANNOTATIONS_LEVELS": "manifest,index"]),
            expect: Expectation(
                outputs: ["pushed": "true", "tag-names": "1.2.3\nv1.2.3\n1.2\n1\nsha-860c190"],
                publications: allPublished, registryTags: everywhere(releaseTags),
                phases: logins + ["merge 0 docker.io", "merge 0 registry.cn-hangzhou.aliyuncs.com", "merge 0 ghcr.io"] + pushedAndVerified,
                check: { outcome in
                    #expect(outcome.result.docker.builds.isEmpty, "merge builds nothing")
                    #expect(!outcome.result.docker.invocations.contains { $0.arguments.first == "run" }, "nor probes emulation")
                    for image in images {
                        let (registry, repository) = place(outcome.world, image)
                        let digest = try #require(outcome.result.registries[image]?["digest"] as? String)
                        var platformDigests: Set<String> = []
                        for job in outcome.earlier {
                            let part = try #require(job.registries[image]?["digest"] as? String)
                            platformDigests.formUnion(try platformImages(registry, repository, part))
                        }
                        #expect(try platformImages(registry, repository, digest) == platformDigests, "\(image): the index names both platform images")
                        let stored = try #require(registry.manifest(repository, digest))
                        let index = try #require(try JSONSerialization.jsonObject(with: stored.data) as? [String: Any])
                        let annotations = index["annotations"] as? [String: String]
                        #expect(annotations?["org.opencontainers.image.version"] == "1.2.3", "\(image): the metadata's index annotations")
                        #expect(annotations?["org.opencontainers.image.revision"] == ScenarioEvent.sha)
                    }
                })),
        Scenario(
            name: "merge-mode-without-digest-files",
            promise: "mode: merge without the platform jobs' digest files says what to download",
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf(["mode": "merge"])),
            expect: Expectation(
                status: 1,
                errors: ["::error::Input `digests-dir`: \".openkf-build/digests\" holds no digest files. Download the platform jobs' digest artifacts into it first (actions/download-artifact with merge-multiple: true)."],
                phases: logins, nothingWritten: true)),
        Scenario(
            name: "merge-mode-refuses-a-digest-that-is-not-one",
            promise: "mode: merge reads digests from artifacts; one that is not sha256: hex stops the merge before any registry request names it",
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf(["mode": "merge"]),
                             files: [".openkf-build/digests/linux-amd64.json": #"{"platform":"linux/amd64","digest":"sha256:../../../v2/openim/other/manifests/latest","images":{}}"#]),
            expect: Expectation(
                status: 1, errors: nil, phases: logins, nothingWritten: true,
                check: { outcome in
                    let errors = outcome.result.errors
                    #expect(errors.count == 1 && errors[0].hasPrefix("::error::") && errors[0].hasSuffix(
                        #"/.openkf-build/digests/linux-amd64.json names "sha256:../../../v2/openim/other/manifests/latest" as a digest; a digest file written by mode: platform names sha256: digests only"#),
                        "\(errors)")
                    #expect(!outcome.requests.contains { $0.target.contains("..") }, "no registry request named it")
                })),
        Scenario(
            name: "merge-mode-on-a-pull-request",
            promise: "mode: merge has nothing to do when the platform jobs pushed nothing",
            job: ScenarioJob(event: .pullRequest(42), inputs: ScenarioJob.openkf(["mode": "merge"])),
            expect: Expectation(
                outputs: [:], lines: ["::notice::mode: merge has nothing to do on this event: the platform jobs pushed nothing."],
                phases: logins, nothingWritten: true, summary: false,
                check: { outcome in #expect(outcome.result.docker.builds.isEmpty) })),
    ]
}
