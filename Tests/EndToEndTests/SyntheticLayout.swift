import BuildActionCore
import Foundation
import OCIRegistry
import SocketHTTP

@testable import BuildActionRuntime

/// An OCI image layout written by the test itself: a two-platform index whose platform images
/// have layers of random bytes of the sizes asked for (registries do not look inside layers).
/// Faster than a build, and exact about sizes, so registry behaviour can be tested with large
/// layers.
struct SyntheticLayout {
    let layout: OCILayout
    let image: PushableImage
    /// Every blob's digest and size.
    let blobs: [(digest: String, size: Int)]

    /// A layout in a fresh temporary directory; `layerSizes` per platform (each layer unique).
    static func make(layerSizes: [Int], platforms: [String] = ["linux/amd64", "linux/arm64"], seed: UInt64 = UInt64.random(in: 1...UInt64.max)) throws -> SyntheticLayout {
        let directory = NSTemporaryDirectory() + "okf-layout-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/blobs/sha256", withIntermediateDirectories: true)
        var blobs: [(String, Int)] = []
        var state = seed
        func write(_ data: Data) throws -> String {
            let digest = SHA256.digest(data)
            try data.write(to: URL(fileURLWithPath: directory + "/blobs/sha256/" + digest.dropFirst(7)))
            return digest
        }
        func random(_ count: Int) -> Data {
            var data = Data(count: count)
            data.withUnsafeMutableBytes { raw in
                for offset in stride(from: 0, to: count, by: 8) {
                    state ^= state << 13; state ^= state >> 7; state ^= state << 17
                    withUnsafeBytes(of: state) { word in
                        raw.baseAddress!.advanced(by: offset).copyMemory(from: word.baseAddress!, byteCount: min(8, count - offset))
                    }
                }
            }
            return data
        }
        var entries: [String] = []
        for platform in platforms {
            let parts = platform.split(separator: "/")
            var layers: [String] = []
            for size in layerSizes {
                let digest = try write(random(size))
                blobs.append((digest, size))
                layers.append(#"{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"\#(digest)","size":\#(size)}"#)
            }
            let config = Data(#"{"architecture":"\#(parts[1])","os":"\#(parts[0])","rootfs":{"type":"layers","diff_ids":[]},"created":"\#(UUID().uuidString)"}"#.utf8)
            let configDigest = try write(config)
            blobs.append((configDigest, config.count))
            let manifest = Data(#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\#(configDigest)","size":\#(config.count)},"layers":[\#(layers.joined(separator: ","))]}"#.utf8)
            let manifestDigest = try write(manifest)
            entries.append(#"{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\#(manifestDigest)","size":\#(manifest.count),"platform":{"architecture":"\#(parts[1])","os":"\#(parts[0])"}}"#)
        }
        let index = Data(#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[\#(entries.joined(separator: ","))]}"#.utf8)
        let indexDigest = try write(index)
        let top = #"{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"\#(indexDigest)","size":\#(index.count)}]}"#
        try Data(top.utf8).write(to: URL(fileURLWithPath: directory + "/index.json"))
        let layout = OCILayout(directory: directory)
        return SyntheticLayout(layout: layout, image: try layout.image(), blobs: blobs)
    }

    /// Removes the directory.
    func remove() {
        try? FileManager.default.removeItem(atPath: layout.directory)
    }
}

/// A transport that counts requests in flight by method, to see how many uploads overlap.
final class CountingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: any HTTPTransport
    private let lock = NSLock()
    private var inFlight = 0
    private(set) var maximumUploadsInFlight = 0
    private(set) var log: [String] = []

    init(_ inner: any HTTPTransport) { self.inner = inner }

    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let upload = (request.method == "PUT" || request.method == "PATCH") && (request.body?.count ?? 0) > 0 && request.url.path().contains("/blobs/uploads/")
        lock.withLock {
            if upload { inFlight += 1; maximumUploadsInFlight = max(maximumUploadsInFlight, inFlight) }
        }
        defer { lock.withLock { if upload { inFlight -= 1 } } }
        let response = try await inner.send(request)
        lock.withLock { log.append("\(request.method) \(request.url.path()) \(response.status)") }
        return response
    }
}
