import Foundation
import Testing

extension ScenarioTable {
    static let acrRegistry = "registry.cn-hangzhou.aliyuncs.com"

    /// "When things go wrong" and "Real registries": isolation, retries, attestations per
    /// registry, mounts, lag, body limits.
    static let registries: [Scenario] = [
        Scenario(
            name: "registry-down-fails-the-step",
            promise: "one registry down: the others are published and verified, the step fails naming it",
            faults: [acrRegistry: [.down]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                status: 1, outputs: ["pushed": "true"],
                publications: [hub: .pushed, acr: .failed("connection refused"), ghcr: .pushed],
                registryTags: [hub: mainTags, ghcr: mainTags, acr: []], errors: nil,
                linePrefixes: ["::error::Publishing \(acr) failed: "])),
        Scenario(
            name: "registry-down-with-continue-on-registry-error",
            promise: "continue-on-registry-error: true only warns when some registries were published",
            faults: [acrRegistry: [.down]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["continue-on-registry-error": "true"])),
            expect: Expectation(
                outputs: ["pushed": "true"],
                publications: [hub: .pushed, acr: .failed("connection refused"), ghcr: .pushed],
                registryTags: [hub: mainTags, ghcr: mainTags, acr: []], errors: [],
                linePrefixes: ["::warning::Publishing \(acr) failed: "])),
        Scenario(
            name: "every-registry-down",
            promise: "continue-on-registry-error does not hide a run in which every registry failed",
            faults: ["docker.io": [.down], "ghcr.io": [.down], acrRegistry: [.down]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["continue-on-registry-error": "true", "retries": "1"])),
            expect: Expectation(status: 1, errors: nil, nothingWritten: true,
                                check: { outcome in
                                    #expect(outcome.result.errors.count == 3)
                                    #expect(outcome.result.docker.builds.isEmpty)
                                })),
        Scenario(
            name: "registry-failing-after-login",
            promise: "a registry that keeps answering 503 is retried `retries` times, then reported as failed; the others are published",
            faults: ["ghcr.io": [.answer(503, first: 1000, matching: "^(POST|PUT|PATCH) ")]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["retries": "2"])),
            expect: Expectation(
                status: 1, publications: [hub: .pushed, acr: .pushedWithoutAttestations, ghcr: .failed("answered 503", attestations: true)],
                registryTags: [hub: mainTags, acr: mainTags, ghcr: []], errors: nil,
                linePrefixes: ["::error::Publishing \(ghcr) failed: ghcr.io: ", "::notice::ghcr.io kept failing after the retries (503)"])),
        Scenario(
            name: "wrong-credentials-for-one-of-three",
            promise: "refused credentials for one registry: reported once, the other two published",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["aliyun-password": "not-the-Acr-password"])),
            expect: Expectation(
                status: 1, publications: [hub: .pushed, acr: .failed("incorrect username or password"), ghcr: .pushed],
                registryTags: [hub: mainTags, ghcr: mainTags, acr: []], errors: nil,
                phases: ["login 0 docker.io", "login 0 ghcr.io", "login 1 registry.cn-hangzhou.aliyuncs.com", "emulation 0", "builder 0", "build 0",
                         "push 0 docker.io", "push 0 ghcr.io", "verify 0 docker.io", "verify 0 ghcr.io"],
                check: { outcome in
                    #expect(outcome.result.errors.count == 1)
                    #expect(outcome.result.errors.first?.contains(acrRegistry) == true)
                    #expect(outcome.result.docker.invocations.filter { $0.arguments.first == "login" }.count == 3, "a refusal is not retried")
                })),
        Scenario(
            name: "login-retried-on-a-transient-failure",
            promise: "a login that fails transiently (503) is tried again",
            faults: ["ghcr.io": [.answer(503, first: 2, matching: "^GET /v2/$")]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(mainTags),
                // (the daemon's message keeps its newline: %0A before the parenthesis)
                lines: ["::warning::Login to ghcr.io failed (Error response from daemon: received unexpected HTTP status: 503 Service Unavailable%0A); retrying in 0.0 s (attempt 2 of 4).",
                        "::warning::Login to ghcr.io failed (Error response from daemon: received unexpected HTTP status: 503 Service Unavailable%0A); retrying in 0.0 s (attempt 3 of 4)."],
                phases: ["login 0 docker.io", "login 1 ghcr.io", "login 1 ghcr.io", "login 0 ghcr.io", "login 0 registry.cn-hangzhou.aliyuncs.com",
                         "emulation 0", "builder 0", "build 0"] + pushedAndVerified)),
        Scenario(
            name: "every-registry-failing-fails-even-with-continue",
            promise: "continue-on-registry-error only warns while another registry was published: when every push fails the step fails",
            faults: ["docker.io": [.answer(503, first: 1000, matching: "^POST ")], "ghcr.io": [.answer(503, first: 1000, matching: "^POST ")],
                     acrRegistry: [.answer(503, first: 1000, matching: "^POST ")]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["continue-on-registry-error": "true", "retries": "1"])),
            expect: Expectation(
                status: 1, outputs: ["pushed": "false"],
                publications: [hub: .failed("answered 503", attestations: true), acr: .failed("answered 503"), ghcr: .failed("answered 503", attestations: true)],
                registryTags: everywhere([]), errors: nil,
                check: { outcome in
                    #expect(outcome.result.errors.count == 3)
                    #expect(outcome.result.warnings.allSatisfy { !$0.contains("::warning::Publishing") })
                })),
        Scenario(
            name: "credentials-refused-after-login",
            promise: "credentials the registry stops accepting during the run (a revoked token) fail that registry at once with the credentials hint",
            faults: [acrRegistry: [.refuseTokens]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                status: 1, publications: [hub: .pushed, acr: .failed("the token server refused user openkf@aliyun", attestations: false), ghcr: .pushed],
                registryTags: [hub: mainTags, ghcr: mainTags, acr: []], errors: nil,
                lines: ["::notice::The credentials for registry.cn-hangzhou.aliyuncs.com were refused: check the secrets behind its inputs (a token may have expired)."],
                phases: publishing.map { $0 == "push 0 registry.cn-hangzhou.aliyuncs.com" ? "push 401 registry.cn-hangzhou.aliyuncs.com" : $0 }
                    .filter { $0 != "verify 0 registry.cn-hangzhou.aliyuncs.com" },
                retries: 0)),
        Scenario(
            name: "transient-503s-are-retried",
            promise: "5xx answers are retried with backoff; the run succeeds",
            faults: ["ghcr.io": [.answer(503, first: 2, matching: "^POST .*/blobs/uploads/")]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf),
            expect: Expectation(publications: allPublished, registryTags: everywhere(mainTags),
                                linePrefixes: ["::warning::ghcr.io: upload blob sha256:"], phases: publishing, retries: 2)),
        Scenario(
            name: "rate-limit-with-retry-after",
            promise: "a 429 with Retry-After is retried after the time the registry asks for",
            faults: ["docker.io": [.answer(429, first: 1, matching: "^PUT .*/manifests/main$", retryAfter: "1")]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf),
            expect: Expectation(publications: allPublished, registryTags: everywhere(mainTags), phases: publishing, retries: 1,
                                check: { outcome in
                                    let warning = try #require(outcome.result.warnings.first)
                                    #expect(warning.contains("retrying in 1.0 s (attempt 2 of 4)"), "\(warning)")
                                    #expect(warning.contains("rate limit: 0 of 100 pulls left per 6 h; the registry asks to wait 1 s"), "\(warning)")
                                })),
        Scenario(
            name: "rate-limit-longer-than-a-minute",
            promise: "a Retry-After longer than the longest delay (60 s) fails that registry at once and says to re-run later",
            faults: ["docker.io": [.answer(429, first: 100, matching: "^PUT .*/manifests/main$", retryAfter: "120")]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                status: 1, publications: [hub: .failed("re-run the job later", attestations: true), acr: .pushedWithoutAttestations, ghcr: .pushed],
                registryTags: [acr: mainTags, ghcr: mainTags], errors: nil,
                linePrefixes: ["::error::Publishing \(hub) failed: docker.io: PUT /v2/openim/openkf-server/manifests/main answered 429"], retries: 0)),
        Scenario(
            name: "acr-rejects-attestations-when-not-excluded",
            promise: "ACR rejects attestation manifests: with no-attestations-registries: none it fails with the hint, the others are published",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["no-attestations-registries": "none"])),
            expect: Expectation(
                status: 1, publications: [hub: .pushed, acr: .failed("unknown manifest class for application/vnd.oci.empty.v1+json", attestations: true), ghcr: .pushed],
                registryTags: [hub: mainTags, ghcr: mainTags, acr: []], errors: nil,
                lines: ["::notice::The registry rejected a manifest; Alibaba Cloud ACR rejects OCI attestation manifests: add registry.cn-hangzhou.aliyuncs.com to no-attestations-registries (the *.aliyuncs.com hosts are in it by default) or set provenance: false."])),
        Scenario(
            name: "attestations-kept-except-for-acr",
            promise: "provenance (mode=max) and SBOM attestations are kept by Docker Hub and GHCR, left out for ACR; registries records each digest",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["provenance": "mode=max", "sbom": "true"])),
            expect: Expectation(
                publications: allPublished, registryTags: everywhere(mainTags), phases: publishing,
                check: { outcome in
                    try sameIndexEverywhere(outcome)
                    let build = try #require(outcome.result.docker.builds.first)
                    #expect(build.arguments.provenance == "mode=max" && build.arguments.sbom == "true")
                })),
        Scenario(
            name: "provenance-false-pushes-a-plain-index",
            promise: "provenance: false: no attestation manifests anywhere, so every registry serves the same index",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf(["provenance": "false"])),
            expect: Expectation(
                publications: [hub: .pushedWithoutAttestations, acr: .pushedWithoutAttestations, ghcr: .pushedWithoutAttestations],
                registryTags: everywhere(mainTags), phases: publishing,
                check: { outcome in
                    let digest = outcome.result.outputs["digest"]
                    for image in images { #expect(outcome.result.registries[image]?["digest"] as? String == digest) }
                })),
        Scenario(
            name: "ghcr-denied-names-the-permission",
            promise: "a permanent refusal fails at once with the registry's message and GHCR's hint (packages: write)",
            faults: ["ghcr.io": [.answer(403, first: 100, matching: "^POST ")]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                status: 1, publications: [hub: .pushed, acr: .pushedWithoutAttestations, ghcr: .failed("DENIED: requested access to the resource is denied", attestations: true)],
                registryTags: [hub: mainTags, acr: mainTags, ghcr: []], errors: nil,
                lines: ["::notice::GHCR refused the push: give the job permissions: packages: write, and for an existing package add this repository under the package's Manage Actions access with the Write role."],
                retries: 0)),
        Scenario(
            name: "job-token-without-packages-write",
            promise: "a token that may only pull (401 insufficient_scope) is reported as the account not allowed to push (403), with GHCR's hint",
            faults: ["ghcr.io": [.grantsPullOnly]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                status: 1, publications: [hub: .pushed, acr: .pushedWithoutAttestations, ghcr: .failed("does not allow repository:openimsdk/openkf-server:pull,push", attestations: true)],
                registryTags: [hub: mainTags, acr: mainTags, ghcr: []], errors: nil,
                lines: ["::notice::GHCR refused the push: give the job permissions: packages: write, and for an existing package add this repository under the package's Manage Actions access with the Write role."],
                retries: 0)),
        Scenario(
            name: "upload-stored-as-other-content",
            promise: "the digest a registry reports for an upload must be the digest sent: otherwise that registry fails, saying something altered it",
            faults: [acrRegistry: [.wrongUploadDigest]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf),
            expect: Expectation(
                status: 1, publications: [hub: .pushed, acr: .failed("was stored as sha256:"), ghcr: .pushed],
                registryTags: [hub: mainTags, ghcr: mainTags, acr: []], errors: nil,
                lines: ["::notice::registry.cn-hangzhou.aliyuncs.com stored other content than was sent (a proxy in between may alter uploads); check the network path to the registry."],
                retries: 0)),
        Scenario(
            name: "ghcr-refuses-mounts-so-blobs-are-uploaded",
            promise: "a mount refused in any way becomes an upload (GHCR does not mount across repositories)",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf([
                "images": "ghcr.io/openimsdk/openkf-server\nghcr.io/openimsdk/openkf-server-mirror", "dockerhub-username": "", "dockerhub-password": "",
                "aliyun-username": "", "aliyun-password": "",
            ])),
            expect: Expectation(
                publications: ["ghcr.io/openimsdk/openkf-server": .pushed, "ghcr.io/openimsdk/openkf-server-mirror": .pushed],
                registryTags: ["ghcr.io/openimsdk/openkf-server": mainTags, "ghcr.io/openimsdk/openkf-server-mirror": mainTags],
                phases: ["login 0 ghcr.io", "emulation 0", "builder 0", "build 0", "push 0 ghcr.io", "push 0 ghcr.io", "verify 0 ghcr.io", "verify 0 ghcr.io"],
                check: { outcome in
                    let second = try #require(outcome.result.log.first { $0.operation == "push ghcr.io/openimsdk/openkf-server-mirror (3 tags)" })
                    #expect(second.detail?.hasPrefix("10 blobs uploaded") == true && second.detail?.contains(", 0 mounted") == true, "\(second.detail ?? "")")
                    let mounts = outcome.requests.filter { $0.method == "POST" && $0.target.contains("mount=") }
                    #expect(!mounts.isEmpty && mounts.allSatisfy { $0.status == 202 || $0.status == 401 }, "mounts were asked for and refused")
                })),
        Scenario(
            name: "image-names-in-one-registry-mount-blobs",
            promise: "several image names in one registry share blobs: the first upload is mounted into the others",
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf([
                "images": "openim/openkf-server\nopenim/openkf-server-mirror", "aliyun-username": "", "aliyun-password": "",
            ])),
            expect: Expectation(
                publications: ["openim/openkf-server": .pushed, "openim/openkf-server-mirror": .pushed],
                registryTags: ["openim/openkf-server": mainTags, "openim/openkf-server-mirror": mainTags],
                phases: ["login 0 docker.io", "emulation 0", "builder 0", "build 0", "push 0 docker.io", "push 0 docker.io", "verify 0 docker.io", "verify 0 docker.io"],
                check: { outcome in
                    let pushes = outcome.result.log.filter { $0.phase == "push" }
                    let first = try #require(pushes.first { $0.operation == "push openim/openkf-server (3 tags)" })
                    let second = try #require(pushes.first { $0.operation == "push openim/openkf-server-mirror (3 tags)" })
                    #expect(first.detail?.hasPrefix("10 blobs uploaded") == true, "\(first.detail ?? "")")
                    #expect(second.detail?.hasPrefix("0 blobs uploaded (0 bytes), 10 mounted") == true, "\(second.detail ?? "")")
                    let mounts = outcome.requests.filter { $0.method == "POST" && $0.target.contains("mount=") && $0.status == 201 }
                    #expect(mounts.count == 10)
                })),
        Scenario(
            name: "verification-tolerates-tag-lag",
            promise: "a tag that answers 404 right after it was written (read-after-write lag) is read again until it shows",
            faults: ["ghcr.io": [.tagLag(reads: 2, tag: "latest")]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf),
            expect: Expectation(publications: allPublished, registryTags: everywhere(mainTags),
                                linePrefixes: ["::warning::ghcr.io/openimsdk/openkf-server: verify latest: "], phases: publishing, retries: 2)),
        Scenario(
            name: "blob-unknown-after-upload-is-tolerated",
            promise: "a manifest PUT answered BLOB_UNKNOWN right after its blobs were uploaded is retried",
            faults: ["docker.io": [.blobUnknown(first: 1)]],
            job: ScenarioJob(event: .branch("main"), inputs: ScenarioJob.openkf),
            expect: Expectation(publications: allPublished, registryTags: everywhere(mainTags),
                                linePrefixes: ["::warning::docker.io: put manifest sha256:"], phases: publishing, retries: 1)),
        Scenario(
            name: "self-hosted-registry-with-basic-auth-and-body-limit",
            promise: "registry-auth for a self-hosted registry (Basic auth); a proxy's 413 for a big layer makes the upload go in chunks",
            faults: ["registry.example.com": [.maxBody(2 << 20)]],
            job: ScenarioJob(
                event: .branch("main"),
                inputs: ScenarioJob.openkf([
                    "images": "registry.example.com/openkf/server", "dockerhub-username": "", "dockerhub-password": "", "aliyun-username": "", "aliyun-password": "",
                    "registry-auth": "- registry: registry.example.com\n  username: \(ScenarioJob.selfHostedUser)\n  password: '\(ScenarioJob.selfHostedPassword)'\n",
                ]),
                files: ScenarioJob.openkfFiles.merging(["deploy/docker/Dockerfile.server": "FROM alpine:3.20\nRUN dd if=/dev/urandom of=/model.bin bs=1M count=3\n"]) { $1 }),
            expect: Expectation(
                publications: ["registry.example.com/openkf/server": .pushed],
                registryTags: ["registry.example.com/openkf/server": mainTags],
                phases: ["login 0 registry.example.com", "emulation 0", "builder 0", "build 0", "push 0 registry.example.com", "verify 0 registry.example.com"],
                check: { outcome in
                    let refused = outcome.requests.filter { $0.status == 413 }
                    #expect(!refused.isEmpty && refused.allSatisfy { $0.bodyBytes > 2 << 20 })
                    let accepted = outcome.requests.filter { $0.status < 300 }
                    #expect(accepted.allSatisfy { $0.bodyBytes <= 2 << 20 }, "only chunks within the limit were taken")
                    let chunks = accepted.filter { $0.method == "PATCH" }
                    #expect(chunks.filter { $0.bodyBytes > 1 << 20 }.count == 4, "each 3 MiB layer in two chunks of 1.5 MiB: \(chunks.map(\.bodyBytes))")
                    #expect(outcome.requests.allSatisfy { $0.authorization == "Basic" || $0.status == 401 })
                    let push = try #require(outcome.result.log.first { $0.phase == "push" })
                    #expect(push.detail?.hasPrefix("10 blobs uploaded (") == true && push.detail?.contains(" in chunks)") == true, "\(push.detail ?? "")")
                })),
    ]
}
