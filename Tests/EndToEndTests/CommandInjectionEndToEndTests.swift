import BuildActionCore
import Foundation
import Testing

@testable import BuildActionRuntime

/// A pull request's Dockerfile (built under pull_request_target, workflow_run...) prints
/// workflow commands from a `RUN` step; read as the runner reads the step's stdout, none of
/// them may take effect, while the action's own commands still do.
@Suite("Build output cannot inject workflow commands", .serialized)
struct CommandInjectionEndToEndTests {
    /// What the `RUN` step prints: `\r` starts a line for the runner, `##[` works anywhere,
    /// and `stop-commands` with a known token would let later lines through again.
    static let injection = #"start\r::add-mask::secret-word\n##[set-output name=x;]y\n\r::save-state name=builder::--all-inactive\n"#
        + #"\r::stop-commands::abc\n::error::injected\n\r::abc::\n\r::error::injected\nmid ##[error]injected\n"#
        + #"\r##[add-mask]secret-word\n\r\342\201\240::notice::injected\n"#

    @Test func runStepOutputIsInert() async throws {
        let registry = try TestEnvironment.load().registry("acr")
        let run = try ActionRun(
            event: "pull_request_target", ref: "refs/pull/7/merge",
            payload: ["number": 7, "pull_request": ["head": ["sha": "abc"], "base": ["ref": "main"]]],
            inputs: [
                "images": "\(registry.host)/okf-e2e/inject-\(ProcessInfo.processInfo.processIdentifier)", "tags": "type=ref,event=pr",
                "platforms": "linux/amd64", "no-cache": "true", "secrets": "npmrc=real-secret-4711",
            ])
        let dockerfile = """
            FROM localhost:5000/base/busybox:latest
            RUN printf '\(Self.injection)'
            """
        try dockerfile.write(toFile: run.workspace + "/Dockerfile", atomically: true, encoding: .utf8)
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        // the RUN step did run and print its lines
        #expect(result.standardOutput.contains("::add-mask::secret-word"))
        #expect(result.standardOutput.contains("::error::injected"))

        let log = RunnerCommandLog(parsing: result.standardOutput)
        #expect(!log.masks.contains { $0.contains("secret-word") }, "masks: \(log.masks)")
        #expect(log.outputs.isEmpty, "set-output: \(log.outputs)")
        #expect(log.state.isEmpty, "save-state: \(log.state)")
        #expect(!log.annotations.contains { $0.message.contains("injected") }, "\(log.annotations)")
        #expect(!log.stopTokens.contains("abc"))
        #expect(!log.groups.contains { $0.contains("injected") })
        #expect(log.failures.isEmpty, "\(log.failures)")

        // the action's own commands still work, before, around and after the build's output
        #expect(log.waitingFor == nil, "commands are still stopped at the end")
        #expect(log.masks.contains("ghs_dummytoken") && log.masks.contains("real-secret-4711"), "masks: \(log.masks)")
        #expect(log.annotations.contains { $0.kind == "notice" && $0.message.contains("nothing is pushed") }, "\(log.annotations)")
        #expect(log.groups.contains("docker buildx build (linux/amd64)"), "\(log.groups)")
        #expect(log.groups.contains("Docker tags") && log.groups.contains("Docker labels"), "\(log.groups)")
        #expect(log.groups.count == log.endedGroups)
        #expect(try run.outputs()["tags"]?.hasSuffix(":pr-7") == true)
    }
}
