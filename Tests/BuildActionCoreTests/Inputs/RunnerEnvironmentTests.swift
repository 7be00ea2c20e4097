import BuildActionCore
import Testing

/// The runner's variables, read once: empty values count as absent, defaults as GitHub's.
@Suite struct RunnerEnvironmentTests {
    @Test func aFullEnvironment() {
        let runner = RunnerEnvironment(environment: [
            "GITHUB_EVENT_NAME": "push", "GITHUB_REF": "refs/heads/main", "GITHUB_REF_NAME": "main", "GITHUB_SHA": "abc",
            "GITHUB_REPOSITORY": "openimsdk/openkf", "GITHUB_WORKFLOW": "image", "GITHUB_RUN_ID": "42",
            "GITHUB_API_URL": "https://ghe.example/api/v3", "GITHUB_SERVER_URL": "https://ghe.example",
            "GITHUB_WORKSPACE": "/github/workspace", "HOME": "/github/home", "RUNNER_TEMP": "/home/runner/work/_temp",
            "TMPDIR": "/var/tmp", "GITHUB_EVENT_PATH": "/github/workflow/event.json", "GITHUB_OUTPUT": "/o", "GITHUB_STEP_SUMMARY": "/s",
            "GITHUB_STATE": "/st", "SOURCE_DATE_EPOCH": "1700000000", "STATE_builder": "openkf-build-42", "STATE_docker-config": "", "STATEMENT": "x",
        ], workingDirectory: "/work")
        #expect(runner.refName == "main" && runner.workspace == "/github/workspace" && runner.home == "/github/home")
        #expect(runner.apiURL == "https://ghe.example/api/v3")
        #expect(runner.runURL == "https://ghe.example/openimsdk/openkf/actions/runs/42")
        #expect(runner.temporaryBase == "/home/runner/work/_temp")
        #expect(runner.eventPath == "/github/workflow/event.json")
        #expect(runner.sourceDateEpoch == "1700000000")
        // STATE_ variables without the prefix; an empty one is absent; STATEMENT is not state.
        #expect(runner.savedState == ["builder": "openkf-build-42"])
    }

    /// One log per step: named after the job and the step, so that several steps of one job
    /// keep theirs; `build-log.jsonl` outside a runner.
    @Test(arguments: [
        ([:], ".openkf-build/build-log.jsonl"),
        (["GITHUB_JOB": "image", "GITHUB_ACTION": "__openimsdk_openkf-build-action"], ".openkf-build/build-log-image-openimsdk_openkf-build-action.jsonl"),
        (["GITHUB_JOB": "image", "GITHUB_ACTION": "__openimsdk_openkf-build-action_2"], ".openkf-build/build-log-image-openimsdk_openkf-build-action_2.jsonl"),
        (["GITHUB_JOB": "images", "GITHUB_ACTION": "web"], ".openkf-build/build-log-images-web.jsonl"),
        (["GITHUB_JOB": "build/../x y", "GITHUB_ACTION": ""], ".openkf-build/build-log-build-..-x-y.jsonl"),
        (["GITHUB_ACTION": "__run"], ".openkf-build/build-log-run.jsonl"),
    ] as [([String: String], String)])
    func logFilePerStep(_ environment: [String: String], _ expected: String) {
        let file = RunnerEnvironment(environment: environment, workingDirectory: "/w").logFile
        #expect(file == expected)
        #expect(!file.dropFirst(".openkf-build/".count).contains("/"), "one file in .openkf-build")
    }

    @Test func anEmptyEnvironmentFallsBackAsTheRunnerWould() {
        let runner = RunnerEnvironment(environment: ["GITHUB_REF": "refs/tags/v1", "GITHUB_REF_NAME": "", "TMPDIR": "/var/tmp", "GITHUB_EVENT_PATH": ""],
                                       workingDirectory: "/work")
        #expect(runner.refName == "refs/tags/v1")
        #expect(runner.workspace == "/work")
        #expect(runner.apiURL == "https://api.github.com" && runner.serverURL == "https://github.com")
        #expect(runner.runURL == nil)
        #expect(runner.temporaryBase == "/var/tmp")
        #expect(runner.eventPath == nil && runner.home == nil && runner.sourceDateEpoch == nil)
        #expect(runner.savedState.isEmpty)
        #expect(RunnerEnvironment(environment: [:], workingDirectory: "/").temporaryBase == "/tmp")
    }
}
