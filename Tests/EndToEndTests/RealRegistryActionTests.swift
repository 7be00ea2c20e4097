import BuildActionCore
import Foundation
import OCIRegistry
import Testing

@testable import BuildActionRuntime

/// The whole main step against registries that behave as the real ones do: a second release
/// to Docker Hub-like S3 storage, a registry that lags behind its writes, a registry reachable
/// only through a proxy, and the memory a large layer costs.
@Suite("The main step on real registry behaviour", .serialized)
struct RealRegistryActionTests {
    static var release: [String: Any] { ["ref": "refs/tags/v2.0.0"] }
    static func repository(_ suffix: String) -> String { "okf-e2e/action-\(suffix)-\(ProcessInfo.processInfo.processIdentifier)" }

    /// The same release twice to the S3-backed registry (Docker Hub keeps blobs in S3): the
    /// second run finds every layer through the redirecting HEAD and publishes; only the
    /// provenance attestations (which record the build's time) are new.
    @Test func secondReleaseToTheRedirectingRegistry() async throws {
        let hub = try TestEnvironment.load().registry("dockerhub")
        let repository = Self.repository("second-release")
        let client = RegistryClient(registry: hub.host, login: hub.login)
        var platformImages: [Set<Digest>] = []
        for round in 0..<2 {
            let run = try ActionRun(event: "push", ref: "refs/tags/v2.0.0", payload: Self.release, inputs: [
                "images": "\(hub.host)/\(repository)", "tags": "type=semver,pattern={{version}}",
                "registry-auth": BuildCommandEndToEndTests.registryAuth([hub]), "platforms": "linux/amd64,linux/arm64",
            ])
            try run.writeDockerfile()
            let result = try await run.run()
            #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
            let digest = try #require(try run.outputs()["digest"])
            platformImages.append(try await client.manifest(repository: repository, reference: digest).platformImages)
            let log = try String(contentsOfFile: run.workspace + "/.openkf-build/build-log.jsonl", encoding: .utf8)
            let push = try #require(log.split(separator: "\n").first { $0.contains(#""phase":"push""#) })
            if round == 1 {
                let present = push.firstMatch(of: /(\d+) already there/).flatMap { Int($0.1) } ?? 0
                let bytes = push.firstMatch(of: /uploaded \((\d+) bytes/).flatMap { Int($0.1) } ?? .max
                #expect(present >= 4 && bytes < 64 * 1024, "\(push)")
            }
        }
        #expect(platformImages[0] == platformImages[1] && platformImages[0].count == 2)
    }

    /// A registry whose tags answer 404 for 3 s after they are written (GHCR and Docker Hub
    /// are eventually consistent): verification waits instead of failing the release.
    @Test func verificationWaitsForALaggingRegistry() async throws {
        let acr = try TestEnvironment.load().registry("acr")
        let proxy = try FaultProxy(upstreamPort: FailureEndToEndTests.port(acr), options: ["--lag", "3"])
        let run = try ActionRun(event: "push", ref: "refs/tags/v2.0.0", payload: Self.release, inputs: [
            "images": "\(proxy.host)/\(Self.repository("lag"))", "tags": "type=semver,pattern={{version}}\ntype=semver,pattern={{major}}",
            "registry-auth": FailureEndToEndTests.auth([acr], hosts: ["acr": proxy.host]), "platforms": "linux/amd64",
        ])
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        #expect(result.standardOutput.contains("the registry may not show a write yet"))
        #expect(proxy.requests.contains { $0.hasPrefix("HEAD ") && $0.contains("/manifests/2.0.0") && $0.hasSuffix(" 404") })
        #expect(!proxy.requests.contains { $0.hasPrefix("GET ") && $0.contains("/manifests/") }, "verification reads with HEAD only")
    }

    /// Published to a registry reachable only through the runner's HTTPS_PROXY (docker login
    /// goes through the daemon's own proxy setting, made by scripts/env).
    @Test func publishesThroughTheProxy() async throws {
        let far = try TestEnvironment.load().registry("far")
        let proxyURL = try #require(far.details["https_proxy"]?.stringValue)
        let repository = Self.repository("far")
        let run = try ActionRun(event: "push", ref: "refs/tags/v2.0.0", payload: Self.release, inputs: [
            "images": "\(far.host)/\(repository)", "tags": "type=semver,pattern={{version}}",
            "registry-auth": BuildCommandEndToEndTests.registryAuth([far]),
        ])
        run.environment["HTTPS_PROXY"] = proxyURL
        run.environment["NO_PROXY"] = "localhost,127.0.0.1"
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError)")
        let registries = try FailureEndToEndTests.registries(try run.outputs()["registries"])
        #expect(registries["\(far.host)/\(repository)"]?["status"]?.stringValue == "pushed")
        // Without the proxy the same run cannot reach the registry, and says so.
        let direct = try ActionRun(event: "push", ref: "refs/tags/v2.0.0", payload: Self.release, inputs: [
            "images": "\(far.host)/\(repository)-direct", "tags": "type=semver,pattern={{version}}",
            "registry-auth": BuildCommandEndToEndTests.registryAuth([far]), "retries": "0",
        ])
        try direct.writeDockerfile()
        let refused = try await direct.run()
        #expect(refused.status == 1)
        #expect(refused.standardOutput.contains("HTTPS_PROXY"), "\(refused.standardOutput)")
    }

    /// A malformed proxy variable is bad input: named, quoted with its password hidden,
    /// nothing pushed.
    @Test func malformedProxyIsRefused() async throws {
        let acr = try TestEnvironment.load().registry("acr")
        let run = try ActionRun(event: "push", ref: "refs/tags/v2.0.0", payload: Self.release, inputs: [
            "images": "\(acr.host)/\(Self.repository("bad-proxy"))", "tags": "type=semver,pattern={{version}}",
            "registry-auth": BuildCommandEndToEndTests.registryAuth([acr]),
        ])
        run.environment["HTTPS_PROXY"] = "socks5://user:hunter2-proxy-secret@proxy:1080"
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("HTTPS_PROXY is 'socks5://user:***@proxy:1080': socks5 proxies are not supported"))
        #expect(!(result.standardOutput + result.standardError + run.writtenText()).contains("hunter2-proxy-secret"))
    }

    /// A 192 MiB incompressible layer published to one registry: the step's peak memory stays
    /// far below the layer (blobs are streamed from the layout, never read whole).
    @Test func largeLayerIsStreamed() async throws {
        let acr = try TestEnvironment.load().registry("acr")
        let run = try ActionRun(event: "push", ref: "refs/tags/v2.0.0", payload: Self.release, inputs: [
            "images": "\(acr.host)/\(Self.repository("big"))", "tags": "type=semver,pattern={{version}}",
            "registry-auth": BuildCommandEndToEndTests.registryAuth([acr]), "platforms": "linux/amd64",
        ])
        let size = 192 << 20
        let random = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/urandom"))
        _ = FileManager.default.createFile(atPath: run.workspace + "/payload.bin", contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: run.workspace + "/payload.bin"))
        for _ in 0..<(size >> 20) { output.write(random.readData(ofLength: 1 << 20)) }
        try output.close()
        try "FROM localhost:5000/base/busybox:latest\nCOPY payload.bin /payload.bin\n".write(toFile: run.workspace + "/Dockerfile", atomically: true, encoding: .utf8)
        let timed = try await run.runMeasuringPeakMemory()
        #expect(timed.result.status == 0, "\(timed.result.standardOutput)\n\(timed.result.standardError)")
        #expect(timed.peakKiB > 0 && timed.peakKiB < 128 * 1024, "peak RSS \(timed.peakKiB) KiB")
        let log = try String(contentsOfFile: run.workspace + "/.openkf-build/build-log.jsonl", encoding: .utf8)
        let uploaded = log.split(separator: "\n").first { $0.contains(#""phase":"push""#) }.map(String.init) ?? ""
        #expect(uploaded.contains("blobs uploaded (2") && uploaded.contains("bytes"), "\(uploaded)")
    }
}
