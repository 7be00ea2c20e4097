import BuildActionCore
import Foundation

/// The test step, between the build and the push: each platform's image loaded into the engine
/// from the build cache, `smoke-test` run on it, and the runner's platform left there for `load`.
extension BuildCommand {
    /// One image the test step loads platforms of: its bake target (nil for the one
    /// Dockerfile), platforms and tags, and the docker arguments that load one platform under
    /// some names (run in `workingDirectory`).
    struct LocalImageSource {
        let target: String?
        let platforms: PlatformList
        let tags: [String]
        var workingDirectory: String?
        let arguments: (_ platform: Platform, _ tags: [String]) throws -> [String]
    }

    /// Loads what `smoke-test` and `load` need and runs the script once per image and platform;
    /// a failing script (or load) stops the run before anything is pushed. The test names are
    /// removed afterwards, whatever happened; the `load` tags stay.
    func testAndLoad(_ sources: [LocalImageSource], inputs: BuildActionInputs, session: DockerSession, log: OperationLog) async throws {
        let plans = sources.map { source in
            (source, LocalImagePlan(platforms: source.platforms, script: inputs.smokeTest, load: inputs.load, tags: source.tags,
                                    host: .host, runID: runnerEnvironment.runID, target: source.target))
        }
        let temporary = plans.flatMap { $0.1.loads.flatMap(\.temporaryTags) }
        try await withCleanup {
            for (source, local) in plans {
                for load in local.loads {
                    try await loadImage(load, source: source, session: session, log: log)
                    if let image = load.testImage, let script = inputs.smokeTest {
                        try await runSmokeTest(script, image: image, platform: load.platform, target: source.target, log: log)
                    }
                }
            }
        } cleanup: {
            guard !temporary.isEmpty else { return }
            _ = try? await session.run(["image", "rm"] + temporary)
        }
        for (_, local) in plans {
            guard let platform = local.loadedPlatform, let load = local.loads.first(where: { $0.platform == platform }) else { continue }
            let kept = load.tags.filter { !load.temporaryTags.contains($0) }
            commands.notice("load: the \(platform) image stays in the engine as \(kept.joined(separator: ", ")).")
        }
    }

    /// The build again with `--load`, of one platform, from the build cache.
    private func loadImage(_ load: LocalImagePlan.Load, source: LocalImageSource, session: DockerSession, log: OperationLog) async throws {
        let arguments = try source.arguments(load.platform, load.tags)
        let what = (source.target.map { "\($0), " } ?? "") + load.platform.description
        commands.info("::group::docker buildx \(arguments.dropFirst().first ?? "build") --load (\(what))")
        let started = Date()
        let loaded = try await commands.untrustedBlock { emit in
            try await session.runStreaming(arguments, workingDirectory: source.workingDirectory) { line in emit(log.redact(line)) }
        }
        commands.info("::endgroup::")
        log.record(phase: .test, operation: "buildx --load \(what)", started: started, status: loaded.status, command: Command("docker", arguments))
        guard loaded.status == 0 else {
            throw ActionError(.test, "Loading the \(what) image into the engine failed (docker buildx exited with \(loaded.status)); nothing was pushed:\n"
                + Self.lastLines(log.redact(loaded.standardError)))
        }
    }

    /// The script under `/bin/sh -e` in the workspace, with `IMAGE` and `PLATFORM`; its
    /// output is the image's, so no line of it may act as a workflow command.
    private func runSmokeTest(_ script: String, image: String, platform: Platform, target: String?, log: OperationLog) async throws {
        var variables: [String: String?] = LocalImagePlan.scriptVariables(image: image, platform: platform, target: target)
        for name in LocalImagePlan.withheldVariables { variables[name] = .some(nil) }
        let command = Command("/bin/sh", ["-e", "-c", script], workingDirectory: workspace, environment: variables)
        let what = (target.map { "\($0), " } ?? "") + platform.description
        commands.info("::group::smoke test (\(what): \(image))")
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
        log.record(phase: .test, operation: "smoke test \(what)", started: started, status: result.status, detail: "IMAGE=\(image)")
        guard result.status == 0 else {
            throw LocalImagePlan.failure(platform: platform, status: result.status, lastLines: tail.text, target: target)
        }
        commands.notice("The smoke test passed \(target.map { "for \($0) " } ?? "")on \(platform).")
    }
}
