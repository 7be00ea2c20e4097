/// How a blob goes up: in one streamed request, as containerd (and so buildx) pushes to Docker
/// Hub, GHCR and ACR, or in `PATCH` chunks when it is large (a failure then costs one chunk,
/// not the layer) or the registry needs them (a 413 for a whole layer from a proxy's body
/// limit). Chunk sizes shrink when a registry refuses one as too large: to the limit its
/// message names (GHCR: "exceeds the maximum permissible limit of 4.00MiB"), else by half.
/// https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-a-blob-in-chunks
public struct ChunkSizing: Sendable, Equatable {
    /// Blobs up to this size go in one request (unless the registry refused that).
    public let singleRequestLimit: Int
    /// The size of each chunk of a larger blob.
    public let chunkSize: Int
    /// The smallest chunk this client sends (the registry's `OCI-Chunk-Min-Length` wins).
    public static let smallestChunk = 1 << 20

    /// The defaults for `registry`: 256 MiB in one request, 64 MiB chunks; GHCR takes at most
    /// 4 MiB per chunk (ocx-sh/ocx#237).
    public static func standard(registry: String) -> ChunkSizing {
        let mebibyte = 1 << 20
        let chunk = RegistryHost.canonical(registry) == "ghcr.io" ? 4 * mebibyte : 64 * mebibyte
        return ChunkSizing(singleRequestLimit: 256 * mebibyte, chunkSize: chunk)
    }

    /// A sizing; see the properties.
    public init(singleRequestLimit: Int, chunkSize: Int) {
        self.singleRequestLimit = max(0, singleRequestLimit)
        self.chunkSize = max(1, chunkSize)
    }

    /// The chunk size for a blob of `size` bytes, or nil to send it in one request.
    public func chunk(forBlobOf size: Int, registryMinimum: Int?) -> Int? {
        guard size > singleRequestLimit else { return nil }
        return max(chunkSize, registryMinimum ?? 0)
    }

    /// The sizing after the registry refused a request of `refusedBytes` as too large (`message`
    /// is its error text); nil when no smaller chunk is allowed (the registry's minimum or
    /// this client's smallest chunk).
    public func shrinking(afterRefusing refusedBytes: Int, message: String, registryMinimum: Int?) -> ChunkSizing? {
        let floor = max(Self.smallestChunk, registryMinimum ?? 0)
        let target = Self.statedLimit(in: message).flatMap { $0 < refusedBytes ? $0 : nil } ?? refusedBytes / 2
        let next = min(target, chunkSize, refusedBytes - 1)
        guard next >= floor else { return nil }
        return ChunkSizing(singleRequestLimit: 0, chunkSize: next)
    }

    /// A size limit a registry's message names, like "limit of 4.00MiB" or "maximum 10 MB".
    static func statedLimit(in message: String) -> Int? {
        let lowered = message.lowercased()
        guard lowered.contains("limit") || lowered.contains("maximum") else { return nil }
        let units: [(String, Double)] = [("mib", 1_048_576), ("mb", 1_000_000), ("kib", 1024), ("kb", 1000)]
        let characters = Array(lowered)
        var index = 0
        while index < characters.count {
            guard characters[index].isNumber else { index += 1; continue }
            var end = index
            while end < characters.count, characters[end].isNumber || characters[end] == "." { end += 1 }
            let number = Double(String(characters[index..<end]))
            var unitStart = end
            while unitStart < characters.count, characters[unitStart] == " " { unitStart += 1 }
            let rest = String(characters[unitStart..<min(characters.count, unitStart + 3)])
            if let number, let unit = units.first(where: { rest.hasPrefix($0.0) }) {
                return Int(number * unit.1)
            }
            index = end
        }
        return nil
    }
}
