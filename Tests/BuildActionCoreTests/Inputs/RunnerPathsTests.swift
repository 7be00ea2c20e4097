import Testing

@testable import BuildActionCore

@Suite("Host names of files a container action writes")
struct RunnerPathsTests {
    let runner = ["RUNNER_TEMP": "/github/runner_temp", "RUNNER_WORKSPACE": "/home/runner/work/openkf"]

    @Test func translatesTheRunnerTemporaryDirectory() {
        #expect(RunnerPaths.hostPath(for: "/github/runner_temp/openkf-build-metadata-x/bake.json", environment: runner)
            == "/home/runner/work/_temp/openkf-build-metadata-x/bake.json")
        #expect(RunnerPaths.hostPath(for: "/github/runner_temp", environment: runner) == "/home/runner/work/_temp")
    }

    @Test(arguments: [
        // not a container action: RUNNER_TEMP is a host path already
        (["RUNNER_TEMP": "/home/runner/work/_temp", "RUNNER_WORKSPACE": "/home/runner/work/openkf"], "/home/runner/work/_temp/a"),
        // a path outside the mount, or one that only shares the prefix
        (["RUNNER_TEMP": "/github/runner_temp", "RUNNER_WORKSPACE": "/home/runner/work/openkf"], "/tmp/a"),
        (["RUNNER_TEMP": "/github/runner_temp", "RUNNER_WORKSPACE": "/home/runner/work/openkf"], "/github/runner_temp2/a"),
        // no usable RUNNER_WORKSPACE
        (["RUNNER_TEMP": "/github/runner_temp"], "/github/runner_temp/a"),
        (["RUNNER_TEMP": "/github/runner_temp", "RUNNER_WORKSPACE": "relative/x"], "/github/runner_temp/a"),
        (["RUNNER_TEMP": "/github/runner_temp", "RUNNER_WORKSPACE": "/github/workspace"], "/github/runner_temp/a"),
        (["RUNNER_TEMP": "/github/runner_temp", "RUNNER_WORKSPACE": "/w"], "/github/runner_temp/a"),
    ])
    func leavesOtherPathsAlone(_ environment: [String: String], _ path: String) {
        #expect(RunnerPaths.hostPath(for: path, environment: environment) == path)
    }
}
