import BuildActionCore
import Foundation

/// The test step, between the build and the push: each platform's image loaded into the engine
/// from the build cache, `smoke-test` run on it, and the runner's platform left there for `load`.
extension BuildCommand {
    /// Loads what `smoke-test` and `load` need and runs the script once per platform; a failing
    /// script (or load) stops the run before anything is pushed. The test names are removed
    /// afterwards, whatever happened; the `load` tags stay.
    func testAndLoad(_ plan: BuildPlan, inputs: BuildActionInputs, session: DockerSession, log: OperationLog) async throws {
        let local = LocalImagePlan(platforms: plan.platforms, script: inputs.smokeTest, load: inputs.load, tags: plan.tags,
                                   host: .host, runID: runnerEnvironment.runID)
        guard !local.isEmpty else { return }
        let temporary = local.loads.flatMap(\.temporaryTags)
        try await withCleanup {
            for load in local.loads {
                try await loadImage(load, plan: plan, inputs: inputs, session: session, log: log)
                if let image = load.testImage, let script = inputs.smokeTest {
                    try await runSmokeTest(script, image: image, platform: load.platform, log: log)
                }
            }
        } cleanup: {
            guard !temporary.isEmpty else { return }
            _ = try? await session.run(["image", "rm"] + temporary)
        }
        if let platform = local.loadedPlatform, let load = local.loads.first(where: { $0.platform == platform }) {
            let kept = load.tags.filter { !load.temporaryTags.contains($0) }
            commands.notice("load: the \(platform) image stays in the engine as \(kept.joined(separator: ", ")).")
        }
    }

    /// `buildx build --load` of one platform, from the build cache.
    private func loadImage(_ load: LocalImagePlan.Load, plan: BuildPlan, inputs: BuildActionInputs, session: DockerSession, log: OperationLog) async throws {
        let arguments = plan.loadArguments(platform: load.platform, tags: load.tags, secretFiles: try secretFiles(inputs, session: session))
        commands.info("::group::docker buildx build --load (\(load.platform))")
        let started = Date()
        let loaded = try await commands.untrustedBlock { emit in
            try await session.runStreaming(arguments) { line in emit(log.redact(line)) }
        }
        commands.info("::endgroup::")
        log.record(phase: .test, operation: "buildx build --load \(load.platform)", started: started, status: loaded.status, command: Command("docker", arguments))
        guard loaded.status == 0 else {
            throw ActionError(.test, "Loading the \(load.platform) image into the engine failed (docker buildx exited with \(loaded.status)); nothing was pushed:\n"
                + Self.lastLines(log.redact(loaded.standardError)))
        }
    }

    /// The script under `/bin/sh -e` in the workspace, with `IMAGE` and `PLATFORM`; its
    /// output is the image's, so no line of it may act as a workflow command.
    private func runSmokeTest(_ script: String, image: String, platform: Platform, log: OperationLog) async throws {
        var variables: [String: String?] = LocalImagePlan.scriptVariables(image: image, platform: platform)
        for name in LocalImagePlan.withheldVariables { variables[name] = .some(nil) }
        let command = Command("/bin/sh", ["-e", "-c", script], workingDirectory: workspace, environment: variables)
        commands.info("::group::smoke test (\(platform): \(image))")
        let started = Date()
        let tail = OutputTail()
        let result = try await commands.untrustedBlock { emit in
            try await runner.runStreaming(command) { line in
                let redacted = log.redact(line)
                tail.append(redacted)
                emit(redacted)
            }
        }
        commands.info("::endgroup::")
        log.record(phase: .test, operation: "smoke test \(platform)", started: started, status: result.status, detail: "IMAGE=\(image)")
        guard result.status == 0 else {
            throw LocalImagePlan.failure(platform: platform, status: result.status, lastLines: tail.text)
        }
        commands.notice("The smoke test passed on \(platform).")
    }
}
