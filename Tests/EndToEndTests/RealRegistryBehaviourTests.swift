import BuildActionCore
import Foundation
import JavaScriptCompat
import OCIRegistry
import SocketHTTP
import Synchronization
import Testing

@testable import BuildActionRuntime

/// The registry client against registries that behave as Docker Hub, GHCR and ACR really do
/// (scripts/env): distribution on S3 storage (blob HEAD and GET redirect to a presigned URL),
/// a token server that grants exactly what is asked for, a GHCR-like front (pull-only
/// challenges, mounts refused), and fault-proxy fronts for lag, BLOB_UNKNOWN, rate limits,
/// body limits, slow commits and a wrong upload digest.
@Suite("Real registry behaviour", .serialized)
struct RealRegistryBehaviourTests {
    /// Retrying with short delays that records every retry.
    final class Recorder: Sendable {
        let retries = Mutex<[String]>([])
        var retrying: Retrying {
            Retrying(policy: RetryPolicy(retries: 3, baseDelay: 0.2, maximumDelay: 10)) { [self] what, error, attempt, delay in
                retries.withLock { $0.append("\(what): \(error.message) (attempt \(attempt), \(String(format: "%.1f", delay)) s)") }
            }
        }
        var all: [String] { retries.withLock { $0 } }
    }

    static func repository(_ name: String) -> String { "okf-e2e/real-\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt16.random(in: 0...9999))" }
    static func port(_ host: String) -> Int { Int(host.split(separator: ":").last ?? "") ?? 0 }

    static func publisher(_ registry: TestEnvironment.Registry, host: String? = nil, repository: String, layout: OCILayout, recorder: Recorder,
                          mountSource: String? = nil, transport: (any HTTPTransport)? = nil, sizing: ChunkSizing? = nil) -> RegistryPublisher {
        let host = host ?? registry.host
        let login = registry.login.map { RegistryCredentials(registry: host, username: $0.username, password: $0.password) }
        let client = RegistryClient(registry: host, login: login, transport: transport ?? SocketHTTPClient(timeout: 30))
        return RegistryPublisher(client: client, repository: repository, layout: layout, retrying: recorder.retrying, mountSource: mountSource, sizing: sizing)
    }

    // MARK: Docker Hub-like: distribution on S3

    /// The second push to a registry whose blobs are in S3: every blob HEAD answers 307 to
    /// the storage host, and all of them count as present.
    @Test func secondPushToS3StorageFindsEveryBlob() async throws {
        let hub = try TestEnvironment.load().registry("dockerhub")
        #expect(hub.details["storage"]?.stringValue == "s3")
        let synthetic = try SyntheticLayout.make(layerSizes: [300_000, 40_000])
        defer { synthetic.remove() }
        let repository = Self.repository("s3")
        let recorder = Recorder()
        let first = try await Self.publisher(hub, repository: repository, layout: synthetic.layout, recorder: recorder).publish(synthetic.image, tags: ["v1"])
        #expect(first.uploaded == synthetic.blobs.count)
        // What the registry answers to a HEAD of a blob it has: a redirect to S3.
        let login = try #require(hub.login)
        let head = try await SocketHTTPClient(timeout: 10).send(HTTPRequest(method: "HEAD", url: URL(string: "http://\(hub.host)/v2/\(repository)/blobs/\(synthetic.blobs[0].digest)")!,
                                                                              headers: [("Authorization", login.basicAuthorization)]))
        #expect(head.status == 307)
        #expect(head.header("Location")?.hasPrefix("http://127.0.0.1:5010/") == true)
        let second = try await Self.publisher(hub, repository: repository, layout: synthetic.layout, recorder: recorder).publish(synthetic.image, tags: ["v2"])
        #expect(second.present == synthetic.blobs.count && second.uploaded == 0)
        // A blob read follows the redirect to storage, without the registry's credentials.
        let client = RegistryClient(registry: hub.host, login: hub.login)
        let config = try #require(synthetic.image.children.first?.blobs.first)
        #expect(try await client.blob(repository: repository, digest: config) == (try synthetic.layout.read(config)))
        #expect(try await client.manifestDigest(repository: repository, reference: "v2") == synthetic.image.top.digest)
        #expect(recorder.all.isEmpty)
    }

    // MARK: Token auth as it really is

    /// The token server grants exactly what is asked for: the client asks for pull,push from
    /// the first push request, and pull on the mount source, so the mount works.
    @Test func tokensCoverWhatThePushNeeds() async throws {
        let registry = try TestEnvironment.load().registry("token")
        let synthetic = try SyntheticLayout.make(layerSizes: [100_000])
        defer { synthetic.remove() }
        let source = Self.repository("token-a"), target = Self.repository("token-b")
        let recorder = Recorder()
        _ = try await Self.publisher(registry, repository: source, layout: synthetic.layout, recorder: recorder).publish(synthetic.image, tags: ["v1"])
        let mounted = try await Self.publisher(registry, repository: target, layout: synthetic.layout, recorder: recorder, mountSource: source)
            .publish(synthetic.image, tags: ["v1"])
        #expect(mounted.mounted == synthetic.blobs.count && mounted.uploaded == 0)
        let requests = try TokenLog.load(registry).requests(naming: target)
        #expect(requests.first?.scopes.contains("repository:\(target):pull,push") == true)
        #expect(requests.contains { $0.scopes.contains("repository:\(source):pull") && $0.granted.contains("repository:\(source):pull") })
        #expect(requests.allSatisfy { !$0.scopes.contains("repository:\(target):pull") || $0.scopes.contains("repository:\(target):pull,push") })
    }

    /// A mount source the account may not read: the token leaves it out, the registry refuses
    /// the mount, and the blobs are uploaded instead.
    @Test func inaccessibleMountSourceFallsBackToUpload() async throws {
        let registry = try TestEnvironment.load().registry("token")
        let synthetic = try SyntheticLayout.make(layerSizes: [50_000])
        defer { synthetic.remove() }
        let target = Self.repository("token-denied")
        let report = try await Self.publisher(registry, repository: target, layout: synthetic.layout, recorder: Recorder(), mountSource: "okf-denied/base")
            .publish(synthetic.image, tags: ["v1"])
        #expect(report.uploaded == synthetic.blobs.count && report.mounted == 0)
        let requests = try TokenLog.load(registry).requests(naming: target)
        #expect(requests.contains { $0.scopes.contains("repository:okf-denied/base:pull") && !$0.granted.contains("repository:okf-denied/base:pull") })
    }

    // MARK: GHCR-like

    /// Two image names in the GHCR-like registry: its challenges name only pull and it refuses
    /// mounts (a plain upload session instead), so the second name's blobs are uploaded
    /// through the session the refused mount opened.
    @Test func twoImageNamesInTheGHCRLikeRegistry() async throws {
        let ghcr = try TestEnvironment.load().registry("ghcr")
        #expect(ghcr.details["front"]?["pull_only_challenges"] == .bool(true))
        let synthetic = try SyntheticLayout.make(layerSizes: [200_000, 10_000])
        defer { synthetic.remove() }
        let server = Self.repository("ghcr-server"), web = Self.repository("ghcr-web")
        let recorder = Recorder()
        let first = try await Self.publisher(ghcr, repository: server, layout: synthetic.layout, recorder: recorder).publish(synthetic.image, tags: ["v1"])
        let second = try await Self.publisher(ghcr, repository: web, layout: synthetic.layout, recorder: recorder, mountSource: server).publish(synthetic.image, tags: ["v1"])
        #expect(first.uploaded == synthetic.blobs.count)
        #expect(second.uploaded == synthetic.blobs.count && second.mounted == 0)
        let front = try String(contentsOfFile: try #require(ghcr.details["front"]?["log"]?.stringValue), encoding: .utf8)
        #expect(front.contains("POST /v2/\(web)/blobs/uploads/?mount="))
        #expect(front.split(separator: "\n").contains { $0.hasPrefix("POST /v2/\(web)/blobs/uploads/?mount=") && $0.hasSuffix(" 202") })
        #expect(!front.contains("POST /v2/\(web)/blobs/uploads/ "), "the refused mount's session was used, no second POST")
        let client = RegistryClient(registry: ghcr.host, login: ghcr.login)
        #expect(try await client.manifestDigest(repository: web, reference: "v1") == synthetic.image.top.digest)
    }

    /// A mount refused with 401, 403 or 404 (containerd gives up on a 403): uploaded instead.
    @Test(arguments: ["401", "403", "404"])
    func refusedMountsFallBackToUploads(_ status: String) async throws {
        let registry = try TestEnvironment.load().registry("token")
        let proxy = try FaultProxy(upstreamPort: Self.port(registry.host), options: ["--refuse-mounts", status])
        let synthetic = try SyntheticLayout.make(layerSizes: [30_000], platforms: ["linux/amd64"])
        defer { synthetic.remove() }
        let recorder = Recorder()
        let source = Self.repository("refuse-src"), target = Self.repository("refuse-\(status)")
        _ = try await Self.publisher(registry, host: proxy.host, repository: source, layout: synthetic.layout, recorder: recorder).publish(synthetic.image, tags: ["v1"])
        let report = try await Self.publisher(registry, host: proxy.host, repository: target, layout: synthetic.layout, recorder: recorder, mountSource: source)
            .publish(synthetic.image, tags: ["v1"])
        #expect(report.uploaded == synthetic.blobs.count && report.mounted == 0)
        #expect(proxy.requests.contains { $0.hasPrefix("POST /v2/\(target)/blobs/uploads/?mount=") && $0.hasSuffix(" \(status)") })
        #expect(recorder.all.isEmpty)
    }

    // MARK: Lag, BLOB_UNKNOWN, rate limits

    /// GHCR sometimes answers a manifest PUT with BLOB_UNKNOWN for blobs just uploaded.
    @Test func blobUnknownRightAfterUploadIsRetried() async throws {
        let acr = try TestEnvironment.load().registry("acr")
        let proxy = try FaultProxy(upstreamPort: Self.port(acr.host), options: ["--blob-unknown", "2"])
        let synthetic = try SyntheticLayout.make(layerSizes: [20_000])
        defer { synthetic.remove() }
        let recorder = Recorder()
        _ = try await Self.publisher(acr, host: proxy.host, repository: Self.repository("blob-unknown"), layout: synthetic.layout, recorder: recorder)
            .publish(synthetic.image, tags: ["v1"])
        #expect(proxy.requests.filter { $0.hasPrefix("PUT ") && $0.contains("/manifests/") && $0.hasSuffix(" 400") }.count == 2)
        #expect(recorder.all.filter { $0.contains("BLOB_UNKNOWN") }.count == 2)
    }

    /// Docker Hub's 429 with its rate-limit headers and Retry-After as an HTTP date.
    @Test func rateLimitWithAnHTTPDateIsWaitedFor() async throws {
        let acr = try TestEnvironment.load().registry("acr")
        let proxy = try FaultProxy(upstreamPort: Self.port(acr.host), options: ["--fail", "1", "--status", "429", "--retry-after-date", "2", "--match", "^HEAD .*/blobs/"])
        let synthetic = try SyntheticLayout.make(layerSizes: [10_000], platforms: ["linux/amd64"])
        defer { synthetic.remove() }
        let recorder = Recorder()
        let started = Date()
        _ = try await Self.publisher(acr, host: proxy.host, repository: Self.repository("429"), layout: synthetic.layout, recorder: recorder)
            .publish(synthetic.image, tags: ["v1"])
        #expect(Date().timeIntervalSince(started) >= 1)
        let retry = try #require(recorder.all.first)
        #expect(retry.contains("429") && retry.contains("rate limit: 0 of 100 pulls left per 6 h") && retry.contains("the registry asks to wait"))
    }

    /// A Retry-After longer than the step waits fails at once instead of sleeping for hours.
    @Test func longRateLimitFailsAtOnce() async throws {
        let acr = try TestEnvironment.load().registry("acr")
        let proxy = try FaultProxy(upstreamPort: Self.port(acr.host), options: ["--fail", "5", "--status", "429", "--retry-after-date", "3600", "--match", "^HEAD "])
        let synthetic = try SyntheticLayout.make(layerSizes: [10_000], platforms: ["linux/amd64"])
        defer { synthetic.remove() }
        let recorder = Recorder()
        let started = Date()
        do {
            _ = try await Self.publisher(acr, host: proxy.host, repository: Self.repository("429-long"), layout: synthetic.layout, recorder: recorder)
                .publish(synthetic.image, tags: ["v1"])
            Issue.record("a 429 asking for an hour was retried")
        } catch {
            #expect(error.status == 429 && error.message.contains("re-run the job later"))
        }
        #expect(recorder.all.isEmpty && Date().timeIntervalSince(started) < 10)
    }

    // MARK: Uploads: digests, slow commits, body limits, chunks, concurrency

    @Test func wrongUploadDigestIsAnError() async throws {
        let acr = try TestEnvironment.load().registry("acr")
        let proxy = try FaultProxy(upstreamPort: Self.port(acr.host), options: ["--wrong-upload-digest"])
        let synthetic = try SyntheticLayout.make(layerSizes: [10_000], platforms: ["linux/amd64"])
        defer { synthetic.remove() }
        let recorder = Recorder()
        do {
            _ = try await Self.publisher(acr, host: proxy.host, repository: Self.repository("digest"), layout: synthetic.layout, recorder: recorder)
                .publish(synthetic.image, tags: ["v1"])
            Issue.record("a wrong upload digest was accepted")
        } catch {
            #expect(error.code == "DIGEST_MISMATCH" && error.message.contains("was stored as"))
        }
        #expect(recorder.all.isEmpty)
    }

    /// A registry that takes 4 s to store a 16 MiB layer, with a 1 s timeout: the wait grows
    /// with the size (1 s + 16 MiB at 4 MiB/s), so nothing is retried or sent twice.
    @Test func slowCommitOfABigLayerIsWaitedFor() async throws {
        let acr = try TestEnvironment.load().registry("acr")
        let synthetic = try SyntheticLayout.make(layerSizes: [16 << 20], platforms: ["linux/amd64"])
        defer { synthetic.remove() }
        let layer = try #require(synthetic.blobs.first { $0.size == 16 << 20 })
        let proxy = try FaultProxy(upstreamPort: Self.port(acr.host), options: ["--commit-delay", "4", "--match", "digest=sha256%3A" + layer.digest.dropFirst(7)])
        let recorder = Recorder()
        let report = try await Self.publisher(acr, host: proxy.host, repository: Self.repository("slow"), layout: synthetic.layout, recorder: recorder,
                                              transport: SocketHTTPClient(timeout: 1)).publish(synthetic.image, tags: ["v1"])
        #expect(report.uploaded == 2)
        #expect(recorder.all.isEmpty)
        #expect(proxy.requests.filter { $0.hasPrefix("PUT ") && $0.contains("/blobs/uploads/") }.count == 2, "each blob sent once")
    }

    /// A front with a 4 MiB body limit (nginx's client_max_body_size; `close`: it answers 413
    /// without reading the body): layers of 10 MiB go up in chunks below the limit.
    @Test(arguments: [false, true])
    func bodyLimitSwitchesToChunks(_ close: Bool) async throws {
        let acr = try TestEnvironment.load().registry("acr")
        let proxy = try FaultProxy(upstreamPort: Self.port(acr.host), options: ["--max-body", String(4 << 20)] + (close ? ["--max-body-close"] : []))
        let synthetic = try SyntheticLayout.make(layerSizes: [10 << 20, 1000])
        defer { synthetic.remove() }
        let recorder = Recorder()
        let repository = Self.repository("413")
        let report = try await Self.publisher(acr, host: proxy.host, repository: repository, layout: synthetic.layout, recorder: recorder)
            .publish(synthetic.image, tags: ["v1"])
        #expect(report.uploaded == synthetic.blobs.count && report.chunked >= 2)
        #expect(proxy.requests.contains { $0.hasSuffix(" 413") })
        #expect(proxy.requests.contains { $0.hasPrefix("PATCH ") && $0.hasSuffix(" 202") })
        let client = RegistryClient(registry: acr.host, login: acr.login)
        #expect(try await client.manifestDigest(repository: repository, reference: "v1") == synthetic.image.top.digest)
    }

    /// A large layer goes in chunks; a chunk whose connection is reset is resumed from what the
    /// registry holds (GET on the upload), and the registry's minimum chunk is respected.
    @Test func chunkedUploadResumesAfterAReset() async throws {
        let acr = try TestEnvironment.load().registry("acr")
        let proxy = try FaultProxy(upstreamPort: Self.port(acr.host), options: ["--reset", "1", "--match", "^PATCH ", "--chunk-min-length", String(3 << 20)])
        let synthetic = try SyntheticLayout.make(layerSizes: [10 << 20], platforms: ["linux/amd64"])
        defer { synthetic.remove() }
        let recorder = Recorder()
        let transport = CountingTransport(SocketHTTPClient(timeout: 30))
        let report = try await Self.publisher(acr, host: proxy.host, repository: Self.repository("chunks"), layout: synthetic.layout, recorder: recorder,
                                              transport: transport, sizing: ChunkSizing(singleRequestLimit: 4 << 20, chunkSize: 2 << 20))
            .publish(synthetic.image, tags: ["v1"])
        #expect(report.chunked == 1)
        #expect(proxy.requests.filter { $0.hasSuffix(" reset") }.count == 1)
        #expect(proxy.requests.contains { $0.hasPrefix("GET ") && $0.contains("/blobs/uploads/") })
        // 3 MiB chunks (the registry's minimum): 3 + 3 + 3 + 1 MiB, one of them sent twice.
        #expect(proxy.requests.filter { $0.hasPrefix("PATCH ") && $0.hasSuffix(" 202") }.count == 4)
        #expect(recorder.all.count == 1)
    }

    /// GHCR takes at most 4 MiB per chunk and says so in its 416: the chunk size drops to the
    /// limit its message names, and the upload goes on from what the registry holds.
    @Test func chunkLimitStatedByTheRegistry() async throws {
        let acr = try TestEnvironment.load().registry("acr")
        let proxy = try FaultProxy(upstreamPort: Self.port(acr.host), options: ["--max-chunk", String(3 << 20)])
        let synthetic = try SyntheticLayout.make(layerSizes: [10 << 20], platforms: ["linux/amd64"])
        defer { synthetic.remove() }
        let recorder = Recorder()
        let report = try await Self.publisher(acr, host: proxy.host, repository: Self.repository("ghcr-chunks"), layout: synthetic.layout, recorder: recorder,
                                              sizing: ChunkSizing(singleRequestLimit: 4 << 20, chunkSize: 8 << 20)).publish(synthetic.image, tags: ["v1"])
        #expect(report.chunked == 1)
        // One refused 8 MiB chunk, then 3 MiB chunks: 3 + 3 + 3 + 1 MiB.
        #expect(proxy.requests.filter { $0.hasPrefix("PATCH ") && $0.hasSuffix(" 416") }.count == 1)
        #expect(proxy.requests.filter { $0.hasPrefix("PATCH ") && $0.hasSuffix(" 202") }.count == 4)
        #expect(recorder.all.isEmpty)
    }

    /// Several blobs of one registry go up at once, three at most (containerd's default).
    @Test func threeUploadsAtOnce() async throws {
        let acr = try TestEnvironment.load().registry("acr")
        let proxy = try FaultProxy(upstreamPort: Self.port(acr.host), options: ["--commit-delay", "0.3"])
        let synthetic = try SyntheticLayout.make(layerSizes: Array(repeating: 200_000, count: 4))
        defer { synthetic.remove() }
        let transport = CountingTransport(SocketHTTPClient(timeout: 30))
        let report = try await Self.publisher(acr, host: proxy.host, repository: Self.repository("parallel"), layout: synthetic.layout, recorder: Recorder(),
                                              transport: transport).publish(synthetic.image, tags: ["v1"])
        #expect(report.uploaded == synthetic.blobs.count)
        #expect(transport.maximumUploadsInFlight == RegistryPublisher.concurrentUploads)
    }

    // MARK: Proxy

    /// A registry this machine reaches only through an HTTP proxy (tinyproxy in a network
    /// namespace): published through HTTPS_PROXY; refused directly and with NO_PROXY naming it.
    @Test func proxyOnlyRegistry() async throws {
        let far = try TestEnvironment.load().registry("far")
        let proxyURL = try #require(far.details["https_proxy"]?.stringValue)
        let synthetic = try SyntheticLayout.make(layerSizes: [100_000])
        defer { synthetic.remove() }
        let repository = Self.repository("far")
        let proxied = SocketHTTPClient(timeout: 10, proxy: try ProxySettings(environment: ["HTTPS_PROXY": proxyURL]))
        let report = try await Self.publisher(far, repository: repository, layout: synthetic.layout, recorder: Recorder(), transport: proxied).publish(synthetic.image, tags: ["v1"])
        #expect(report.uploaded == synthetic.blobs.count)
        for settings in [ProxySettings.none, try ProxySettings(environment: ["HTTPS_PROXY": proxyURL, "NO_PROXY": "far.test"])] {
            let client = RegistryClient(registry: far.host, login: far.login, transport: SocketHTTPClient(timeout: 5, proxy: settings))
            do {
                _ = try await client.manifestDigest(repository: repository, reference: "v1")
                Issue.record("\(far.host) was reached without the proxy")
            } catch {
                #expect(error.status == nil && error.message.contains("Connection refused"))
            }
        }
    }
}

/// The token server's log: one JSON line per token request.
struct TokenLog {
    struct Request {
        let scopes: [String]
        let granted: [String]
    }

    let lines: [JSONValue]

    static func load(_ registry: TestEnvironment.Registry) throws -> TokenLog {
        let path = try #require(registry.details["token"]?["log"]?.stringValue)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return TokenLog(lines: text.split(separator: "\n").compactMap { try? JSONValue(parsing: Data($0.utf8)) })
    }

    /// The requests whose scopes name `repository`, oldest first.
    func requests(naming repository: String) -> [Request] {
        lines.compactMap { line in
            let scopes = Self.strings(line["scopes"] ?? line["requested"] ?? line["scope"])
            guard scopes.contains(where: { $0.contains(":\(repository):") }) else { return nil }
            return Request(scopes: scopes, granted: Self.strings(line["granted"]))
        }
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case .array(let items)?: return items.flatMap { item -> [String] in
            if let text = item.stringValue { return [text] }
            if let type = item["type"]?.stringValue, let name = item["name"]?.stringValue, case .array(let actions)? = item["actions"] {
                return ["\(type):\(name):\(actions.compactMap(\.stringValue).joined(separator: ","))"]
            }
            return []
        }
        case .string(let text)?: return text.split(separator: " ").map(String.init)
        default: return []
        }
    }
}
