import BuildActionRuntime
import Foundation
import Testing

extension ScenarioTable {
    /// The build: the Dockerfile, emulation, the builder, build secrets, caches.
    static let builds: [Scenario] = [
        Scenario(
            name: "missing-dockerfile",
            promise: "a missing Dockerfile is an input error naming `file`, before anything is built or pushed",
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf, files: ["server/openkf-server": "#!/bin/sh\n"]),
            expect: Expectation(
                status: 1,
                errors: ["::error::Input `file`: \"./deploy/docker/Dockerfile.server\" does not exist. Give the Dockerfile's path relative to the workspace, like docker/Dockerfile."],
                phases: logins + ["emulation 0", "builder 0"], nothingWritten: true,
                check: { outcome in
                    #expect(outcome.result.docker.builds.isEmpty)
                    #expect(outcome.result.outputs.isEmpty)
                })),
        Scenario(
            name: "build-failure",
            promise: "a failing RUN step fails the step with buildx's last lines, in the log and in the summary; nothing is pushed",
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf,
                             files: ScenarioJob.openkfFiles.merging(["deploy/docker/Dockerfile.server": "FROM alpine:3.20\nRUN echo compiling && exit 3\n"]) { $1 }),
            expect: Expectation(
                status: 1, errors: nil, linePrefixes: ["::error::The build failed (docker buildx exited with 1):%0A"],
                phases: logins + ["emulation 0", "builder 0", "build 1"], nothingWritten: true,
                check: { outcome in
                    let error = try #require(outcome.result.errors.first)
                    #expect(outcome.result.errors.count == 1)
                    #expect(error.contains("ERROR: failed to solve: process \\\"/bin/sh -c echo compiling && exit 3\\\" did not complete successfully: exit code: 3") || error.contains("exit code: 3"))
                    #expect(outcome.result.outputs.isEmpty)
                    #expect(outcome.result.summary.contains("## openkf-build failed in build"))
                })),
        Scenario(
            name: "emulation-missing-is-registered",
            promise: "a platform that does not run gets its QEMU emulator registered through the pinned qemu-image",
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf, machine: FakeDocker.Machine(emulation: .missing)),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(releaseTags),
                lines: ["::notice::Registering QEMU emulation for linux/arm64 with \(BuildCommand.defaultQEMUImage)"],
                phases: logins + ["emulation 0", "emulation 0", "builder 0", "build 0"] + pushedAndVerified,
                check: { outcome in
                    let runs = outcome.result.docker.invocations.filter { $0.arguments.first == "run" }.map(\.arguments)
                    #expect(runs == [["run", "--rm", "--privileged", BuildCommand.defaultQEMUImage],
                                     ["run", "--rm", "--privileged", BuildCommand.defaultQEMUImage, "--install", "arm64"]])
                    #expect(BuildCommand.defaultQEMUImage.hasPrefix("tonistiigi/binfmt:qemu-v7.0.0-28@sha256:"), "pinned by digest")
                })),
        Scenario(
            name: "emulation-that-cannot-be-registered",
            promise: "an emulator that stays missing after install and reinstall stops the run with what to do",
            job: ScenarioJob(event: .tag("v1.2.3"), inputs: ScenarioJob.openkf, machine: FakeDocker.Machine(emulation: .unfixable)),
            expect: Expectation(
                status: 1,
                errors: ["::error::Emulation for linux/arm64 could not be registered with \(BuildCommand.defaultQEMUImage) (it reports linux/amd64, linux/amd64/v2, linux/386). Use a runner of that architecture, or drop it from platforms."],
                phases: logins + ["emulation 0", "emulation 0", "emulation 0", "emulation 1"], nothingWritten: true,
                check: { outcome in
                    let runs = outcome.result.docker.invocations.filter { $0.arguments.first == "run" }.map { Array($0.arguments.dropFirst(4)) }
                    #expect(runs == [[], ["--install", "arm64"], ["--uninstall", "arm64", "--install", "arm64"]])
                    #expect(outcome.result.docker.builds.isEmpty)
                    #expect(outcome.result.summary.contains("## openkf-build failed in emulation"))
                })),
        Scenario(
            name: "engine-without-containerd-store",
            promise: "without the containerd image store a docker-container builder is created for the run, recorded for the post step, removed",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["buildkit-image": "moby/buildkit:buildx-stable-1"]),
                             machine: FakeDocker.Machine(containerdStore: false)),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(mainTags),
                phases: logins + ["emulation 0", "builder 0", "builder 0", "build 0"] + pushedAndVerified,
                check: { outcome in
                    let invocations = outcome.result.docker.invocations.map(\.arguments)
                    #expect(invocations.contains(["buildx", "create", "--name", "openkf-build-4242", "--driver", "docker-container", "--driver-opt", "network=host",
                                                  "--driver-opt", "image=moby/buildkit:buildx-stable-1", "--bootstrap"]))
                    #expect(outcome.result.docker.builds.first?.arguments.builder == "openkf-build-4242")
                    #expect(invocations.last == ["buildx", "rm", "--force", "openkf-build-4242"] || invocations.contains(["buildx", "rm", "--force", "openkf-build-4242"]))
                    #expect(outcome.result.state.contains("builder<<"))
                    #expect(outcome.result.state.contains("openkf-build-4242"))
                })),
        Scenario(
            name: "remote-buildkit",
            promise: "builder-endpoint builds on a remote BuildKit (buildx's remote driver), registered for the run and removed afterwards",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["builder-endpoint": "tcp://buildkitd.example.com:1234", "builder-insecure": "true"])),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(mainTags),
                phases: logins + ["emulation 0", "builder 0", "build 0"] + pushedAndVerified,
                check: { outcome in
                    let invocations = outcome.result.docker.invocations.map(\.arguments)
                    #expect(invocations.contains(["buildx", "create", "--name", "openkf-build-remote-4242", "--driver", "remote", "tcp://buildkitd.example.com:1234", "--bootstrap"]))
                    #expect(!invocations.contains(["info", "--format", "{{json .DriverStatus}}"]), "the engine's store does not matter")
                    #expect(outcome.result.docker.builds.first?.arguments.builder == "openkf-build-remote-4242")
                    #expect(invocations.contains(["buildx", "rm", "--force", "openkf-build-remote-4242"]))
                })),
        Scenario(
            name: "remote-buildkit-plain-tcp-refused",
            promise: "a plain-text tcp:// builder-endpoint on another host is refused (build secrets would cross the network) unless builder-insecure: true",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["builder-endpoint": "tcp://buildkitd.example.com:1234"])),
            expect: Expectation(
                status: 1,
                errors: ["::error::Input `builder-endpoint`: \"tcp://buildkitd.example.com:1234\" is plain-text TCP to another host: build secrets, registry credentials and the sources would cross the network unencrypted. Give builder-tls-ca (buildkitd's CA certificate, from a secret) and, for mutual TLS, builder-tls-cert and builder-tls-key; or set builder-insecure: true if you trust the network itself."],
                phases: [], nothingWritten: true, summary: false,
                check: { outcome in #expect(outcome.result.docker.invocations.isEmpty, "refused before docker runs") })),
        Scenario(
            name: "transient-registry-failure-during-build",
            promise: "a registry failing transiently during the build (a base image pull) makes the build run again from cache",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf,
                             machine: FakeDocker.Machine(failingBuilds: ["ERROR: failed to solve: alpine:3.20: failed to resolve source metadata for docker.io/library/alpine:3.20: unexpected status from HEAD request to https://registry-1.docker.io/v2/library/alpine/manifests/3.20: 503 Service Unavailable"])),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(mainTags),
                lines: ["::warning::A registry failed transiently during the build (base image pull or cache export); building again from cache (attempt 2 of 3)."],
                phases: logins + ["emulation 0", "builder 0", "build 1", "build 0"] + pushedAndVerified,
                check: { outcome in #expect(outcome.result.docker.builds.count == 2) })),
        Scenario(
            name: "build-secrets-as-files",
            promise: "build secrets reach buildx as 0600 files, never on a command line",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["secrets": "npmrc=//registry.npmjs.org/:_authToken=npm_T0kenSecretValue"])),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(mainTags), phases: publishing,
                check: { outcome in
                    let build = try #require(outcome.result.docker.builds.first)
                    #expect(build.arguments.secrets.count == 1)
                    #expect(build.arguments.secrets.first?.hasPrefix("id=npmrc,src=") == true)
                    #expect(build.secretFiles["npmrc"]?.mode == 0o600)
                    #expect(build.secretFiles["npmrc"]?.content == "//registry.npmjs.org/:_authToken=npm_T0kenSecretValue")
                })),
        Scenario(
            name: "registry-cache",
            promise: "cache: registry reads and writes a buildcache tag in the first image's repository (mode=max)",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["cache": "registry"])),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(mainTags), phases: publishing,
                check: { outcome in
                    let build = try #require(outcome.result.docker.builds.first)
                    #expect(build.arguments.cacheFrom == ["type=registry,ref=docker.io/openim/openkf-server:buildcache"])
                    #expect(build.arguments.cacheTo == ["type=registry,ref=docker.io/openim/openkf-server:buildcache,mode=max,image-manifest=true,oci-mediatypes=true"])
                })),
        Scenario(
            name: "github-actions-cache",
            promise: "cache: gha uses GitHub's cache service (version=2), scoped per image; cache-from/cache-to win over it; a type=local cache inside the action's container gets a warning",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["cache": "gha", "cache-to": "type=local,dest=/tmp/cache"])),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(mainTags),
                lines: ["::warning::cache-to: type=local,dest=/tmp/cache is inside the action's container, which is removed when the step ends, so this cache is lost. Use cache: gha or cache: registry, or a directory under $RUNNER_TEMP or the workspace kept with actions/cache."],
                phases: publishing,
                check: { outcome in
                    let build = try #require(outcome.result.docker.builds.first)
                    #expect(build.arguments.cacheFrom == ["type=gha,scope=docker.io-openim-openkf-server,version=2"])
                    #expect(build.arguments.cacheTo == ["type=local,dest=/tmp/cache"])
                })),
        Scenario(
            name: "registry-cache-not-exported-on-pull-requests",
            promise: "nothing is exported on pull requests: the cache is read, not written",
            job: ScenarioJob(event: .pullRequest(42), inputs: ScenarioJob.openkf(["cache": "registry"])),
            expect: Expectation(
                outputs: ["pushed": "false"], publications: [:], phases: logins + ["emulation 0", "builder 0", "build 0"], nothingWritten: true,
                check: { outcome in
                    let build = try #require(outcome.result.docker.builds.first)
                    #expect(build.arguments.cacheFrom == ["type=registry,ref=docker.io/openim/openkf-server:buildcache"])
                    #expect(build.arguments.cacheTo.isEmpty)
                })),
    ]
}
