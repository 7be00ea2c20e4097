import BuildActionCore
import Foundation
import OCIRegistry
import SocketHTTP
import Testing

@testable import BuildActionRuntime

/// The download a resumed release copies, against the real registries: what was pushed comes
/// back byte for byte into an OCI layout that pushes again, a layer larger than one Range piece
/// included (Docker Hub's stand-in serves blobs through redirects to S3 storage), and a blob
/// that arrives corrupted is refused and never named by its digest.
@Suite("Image download into an OCI layout on real registries", .serialized)
struct ImageDownloaderTests {
    static let retrying = Retrying(policy: RetryPolicy(retries: 2, baseDelay: 0.2, maximumDelay: 2))
    static let piece = 1 << 20

    static func repository(_ suffix: String) -> String { "okf-e2e/download-\(suffix)-\(ProcessInfo.processInfo.processIdentifier)" }

    @Test(arguments: ["dockerhub", "ghcr"])
    func pushedThenDownloadedIsTheSameImage(_ name: String) async throws {
        let registry = try TestEnvironment.load().registry(name)
        let synthetic = try SyntheticLayout.make(layerSizes: [3 * Self.piece + 12_345, 40_000])
        defer { synthetic.remove() }
        let repository = Self.repository(name)
        let client = RegistryClient(registry: registry.host, login: registry.login)
        _ = try await RegistryPublisher(client: client, repository: repository, layout: synthetic.layout, retrying: Self.retrying).publish(synthetic.image, tags: ["1.2.3"])

        let directory = NSTemporaryDirectory() + "okf-download-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let counting = CountingTransport(SocketHTTPClient(timeout: 30))
        let downloader = ImageDownloader(client: RegistryClient(registry: registry.host, login: registry.login, transport: counting),
                                         repository: repository, retrying: Self.retrying, pieceSize: Self.piece)
        let (layout, image, report) = try await downloader.download(synthetic.image.top.digest, into: directory)
        let pieces = counting.log.filter { $0.hasPrefix("GET ") && $0.hasSuffix(" 206") }
        #expect(pieces.count >= 2 * 4, "each big layer in four 1 MiB pieces: \(counting.log)")
        #expect(image == synthetic.image, "the same index, manifests and blob lists")
        #expect(try layout.image() == synthetic.image, "the layout reads back as the image")
        #expect(report.manifests == 3 && report.blobs == synthetic.blobs.count && report.bytes == synthetic.blobs.map(\.size).reduce(0, +))
        for blob in synthetic.blobs {
            let path = directory + "/blobs/sha256/" + blob.digest.dropFirst(7)
            #expect(try StreamingDigest.ofFile(path) == blob.digest)
        }
        #expect(FileManager.default.fileExists(atPath: directory + "/oci-layout"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory + "/blobs/sha256").filter { $0.hasSuffix(".partial") }
        #expect(leftovers.isEmpty)

        // The downloaded layout pushes like a build: into another repository, everything uploaded again.
        let again = try await RegistryPublisher(client: client, repository: repository + "-again", layout: layout, retrying: Self.retrying).publish(image, tags: ["1.2.3"])
        #expect(again.uploaded == synthetic.blobs.count)
        #expect(try await client.manifestDigest(repository: repository + "-again", reference: "1.2.3") == synthetic.image.top.digest)
    }

    @Test func aCorruptedBlobIsRefused() async throws {
        let registry = try TestEnvironment.load().registry("ghcr")
        let synthetic = try SyntheticLayout.make(layerSizes: [2 * Self.piece + 7], platforms: ["linux/amd64"])
        defer { synthetic.remove() }
        let repository = Self.repository("corrupt")
        let client = RegistryClient(registry: registry.host, login: registry.login)
        _ = try await RegistryPublisher(client: client, repository: repository, layout: synthetic.layout, retrying: Self.retrying).publish(synthetic.image, tags: ["1.2.3"])
        let layer = try #require(synthetic.blobs.first { $0.size > Self.piece })

        let corrupting = CorruptingTransport(SocketHTTPClient(timeout: 30), blob: layer.digest)
        let directory = NSTemporaryDirectory() + "okf-download-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let downloader = ImageDownloader(client: RegistryClient(registry: registry.host, login: registry.login, transport: corrupting),
                                         repository: repository, retrying: Self.retrying, pieceSize: Self.piece)
        do {
            _ = try await downloader.download(synthetic.image.top.digest, into: directory)
            Issue.record("a corrupted blob was accepted")
        } catch {
            #expect(error.code == "DIGEST_MISMATCH")
            #expect(error.message.contains(layer.digest) && error.message.contains("hashes to sha256:"), "\(error.message)")
            #expect(!error.isTransient)
        }
        #expect(corrupting.corrupted >= 1)
        let path = directory + "/blobs/sha256/" + layer.digest.dropFirst(7)
        #expect(!FileManager.default.fileExists(atPath: path) && !FileManager.default.fileExists(atPath: path + ".partial"), "a corrupted blob is never named by its digest")
    }
}

/// A transport that flips one byte in the second piece of one blob (a bit flipped on the way).
final class CorruptingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: any HTTPTransport
    private let blob: String
    private let lock = NSLock()
    private(set) var corrupted = 0

    init(_ inner: any HTTPTransport, blob: String) {
        self.inner = inner
        self.blob = blob
    }

    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let response = try await inner.send(request)
        let range = request.headers.first { $0.0 == "Range" }?.1 ?? ""
        // Not the first piece: a blob registries serve from storage is named there by its hex too.
        guard request.method == "GET", response.status == 206, !range.hasPrefix("bytes=0-"), !response.body.isEmpty,
              request.url.absoluteString.contains(String(blob.dropFirst(7)))
        else { return response }
        var body = response.body
        body[body.startIndex] ^= 0xFF
        lock.withLock { corrupted += 1 }
        return HTTPResponse(status: response.status, headers: response.headers, body: body, trailers: response.trailers)
    }
}
