import Testing

@testable import BuildActionCore

@Suite("Chunk sizing: one request, chunks, and what a refusal teaches")
struct ChunkSizingTests {
    let mebibyte = 1 << 20

    @Test func defaults() {
        let hub = ChunkSizing.standard(registry: "docker.io")
        #expect(hub.chunk(forBlobOf: 256 * mebibyte, registryMinimum: nil) == nil)
        #expect(hub.chunk(forBlobOf: 256 * mebibyte + 1, registryMinimum: nil) == 64 * mebibyte)
        #expect(hub.chunk(forBlobOf: 1 << 30, registryMinimum: 100 * mebibyte) == 100 * mebibyte)
        #expect(ChunkSizing.standard(registry: "ghcr.io").chunk(forBlobOf: 1 << 30, registryMinimum: nil) == 4 * mebibyte)
    }

    /// GHCR's 416 text names its limit; nginx's 413 names none (halved).
    @Test func refusalsShrinkTheChunk() throws {
        let hub = ChunkSizing.standard(registry: "docker.io")
        let ghcr = try #require(hub.shrinking(afterRefusing: 64 * mebibyte, message: "416 (REQUESTED_RANGE_NOT_SATISFIABLE: the request body is too large and exceeds the maximum permissible limit of 4.00MiB)", registryMinimum: nil))
        #expect(ghcr == ChunkSizing(singleRequestLimit: 0, chunkSize: 4 * mebibyte))
        let nginx = try #require(hub.shrinking(afterRefusing: 20 * mebibyte, message: "413 Request Entity Too Large", registryMinimum: nil))
        #expect(nginx.chunkSize == 10 * mebibyte && nginx.chunk(forBlobOf: 3 * mebibyte, registryMinimum: nil) == 10 * mebibyte)
        let stated = try #require(hub.shrinking(afterRefusing: 20 * mebibyte, message: "body exceeds the limit of 10 MB", registryMinimum: nil))
        #expect(stated.chunkSize == 10_000_000)
    }

    @Test func noChunkBelowTheFloor() {
        let small = ChunkSizing(singleRequestLimit: 0, chunkSize: 2 * mebibyte)
        #expect(small.shrinking(afterRefusing: 2 * mebibyte, message: "413", registryMinimum: nil)?.chunkSize == mebibyte)
        #expect(small.shrinking(afterRefusing: mebibyte, message: "413", registryMinimum: nil) == nil)
        #expect(small.shrinking(afterRefusing: 2 * mebibyte, message: "413", registryMinimum: 3 * mebibyte / 2) == nil)
    }

    @Test(arguments: [("limit of 4.00MiB", 4 << 20), ("maximum 512 KiB", 512 << 10), ("limit is 10mb", 10_000_000), ("no size here", -1), ("4.00MiB", -1)] as [(String, Int)])
    func statedLimits(_ message: String, _ bytes: Int) {
        #expect(ChunkSizing.statedLimit(in: message) == (bytes < 0 ? nil : bytes))
    }
}
