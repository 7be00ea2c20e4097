import BuildActionRuntime
import Foundation
import Testing

extension ScenarioTable {
    /// Test before push: `smoke-test` on each platform's image, and `load`.
    static let smokeTests: [Scenario] = [
        Scenario(
            name: "smoke-test-passes-then-publishes",
            promise: "smoke-test runs once per platform on that platform's image (IMAGE, PLATFORM; no runner token) before the push; the test images are removed",
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf(["smoke-test": smokeScript])),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(releaseTags),
                lines: ["::notice::The smoke test passed on linux/amd64.", "::notice::The smoke test passed on linux/arm64.",
                        "seen openkf-build-smoke:\(ScenarioJob.runID)-linux-arm64 on linux/arm64 in a workspace"],
                phases: logins + ["emulation 0", "builder 0", "build 0", "test 0", "test 0", "test 0", "test 0"] + pushedAndVerified,
                check: { outcome in
                    let docker = outcome.result.docker
                    let loads = docker.builds.filter(\.arguments.load).map(\.arguments)
                    #expect(loads.map(\.platforms) == [["linux/amd64"], ["linux/arm64"]], "one load per platform, after the build")
                    #expect(loads.map(\.tags) == [["openkf-build-smoke:\(ScenarioJob.runID)-linux-amd64"], ["openkf-build-smoke:\(ScenarioJob.runID)-linux-arm64"]])
                    #expect(loads.allSatisfy { $0.cacheTo.isEmpty && $0.metadataFile == nil && $0.annotations.isEmpty && $0.provenance == "false" })
                    #expect(loads.allSatisfy { $0.labels == docker.builds[0].arguments.labels && $0.buildArgs == docker.builds[0].arguments.buildArgs },
                            "the same labels and build arguments as the build: its cache serves the load")
                    #expect(docker.scripts.map(\.status) == [0, 0])
                    #expect(docker.scripts.map { $0.environment["PLATFORM"] } == [.some("linux/amd64"), .some("linux/arm64")])
                    #expect(docker.scripts.allSatisfy { $0.environment["ACTIONS_RUNTIME_TOKEN"] == .some(nil) })
                    #expect(docker.images.isEmpty, "the test images are removed: \(docker.images)")
                    let order = docker.invocations.map { $0.arguments.prefix(2).joined(separator: " ") }
                    #expect(order.filter { $0 == "buildx build" }.count == 3)
                    #expect(order.last(where: { $0 == "image rm" }) != nil)
                })),
        Scenario(
            name: "smoke-test-fails-on-arm64",
            promise: "a smoke test that fails on arm64 pushes nothing anywhere and says which platform failed, with the script's last lines",
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf(["smoke-test": "echo \"starting $IMAGE\"\n[ \"$PLATFORM\" != linux/arm64 ] || { echo 'segfault under QEMU' >&2; exit 4; }\n"])),
            expect: Expectation(
                status: 1,
                errors: ["::error::The smoke test failed on linux/arm64 (exit status 4); nothing was pushed. Its last lines:%0Astarting openkf-build-smoke:\(ScenarioJob.runID)-linux-arm64%0Asegfault under QEMU"],
                lines: ["::notice::The smoke test passed on linux/amd64."],
                phases: logins + ["emulation 0", "builder 0", "build 0", "test 0", "test 0", "test 0", "test 4"], nothingWritten: true,
                check: { outcome in
                    #expect(outcome.result.docker.images.isEmpty, "the test images are removed after a failure too")
                    #expect(outcome.result.outputs.isEmpty)
                    #expect(outcome.result.summary.contains("## openkf-build failed in test"))
                })),
        Scenario(
            name: "load-on-a-pull-request",
            promise: "load: true leaves the runner's platform image in the engine with the run's tags, also when nothing is pushed",
            job: ScenarioJob(event: .pullRequest(42), inputs: ScenarioJob.openkf(["load": "true"])),
            expect: Expectation(
                outputs: ["pushed": "false"], publications: [:], registryTags: everywhere([]),
                lines: ["::notice::load: the linux/amd64 image stays in the engine as " + images.flatMap { ["\($0):pr-42", "\($0):sha-860c190"] }.joined(separator: ", ") + "."],
                phases: logins + ["emulation 0", "builder 0", "build 0", "test 0"], nothingWritten: true,
                check: { outcome in
                    let images = outcome.result.docker.images
                    #expect(images.count == 6)
                    #expect(Set(images.values) == ["linux/amd64"])
                    #expect(images["ghcr.io/openimsdk/openkf-server:pr-42"] == "linux/amd64")
                    #expect(outcome.result.docker.scripts.isEmpty)
                })),
    ]

    /// Prints what it sees and fails unless the image, platform and workspace are there.
    static let smokeScript = """
        test -n "$IMAGE" && test -n "$PLATFORM" && test -z "$ACTIONS_RUNTIME_TOKEN"
        test -d .git || test -f server/openkf-server
        echo "seen $IMAGE on $PLATFORM in a workspace"
        """
}
