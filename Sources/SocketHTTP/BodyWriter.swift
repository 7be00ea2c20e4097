import Glibc

/// Writes a request body: bytes in memory at once, a file region in 256 KiB pieces read with
/// `pread` (never the whole file in memory), each piece fed to the region's digest. On a plain
/// socket it stops early when the server has already answered (a 413 before the body is read).
struct BodyWriter {
    /// Where the bytes go.
    let stream: ByteStream
    /// The plain socket, to notice an early answer (nil over TLS, whose records may arrive any time).
    let socket: SocketConnection?

    private static let pieceSize = 256 * 1024

    /// Writes `body`.
    func write(_ body: HTTPBody) throws(HTTPClientError) {
        switch body {
        case .bytes(let data):
            if !data.isEmpty { try stream.write(data: data) }
        case .file(let region):
            try write(region)
        }
    }

    private func write(_ region: FileRegion) throws(HTTPClientError) {
        let fd = open(region.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw HTTPClientError(.bodyUnreadable, "cannot open \(region.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.pieceSize, alignment: 16)
        defer { buffer.deallocate() }
        var sent = 0
        while sent < region.length {
            if let socket, try SocketConnection.poll(socket.fd, events: Int16(POLLIN), timeout: 0) { return }
            let offset = region.offset + sent
            let count = pread(fd, buffer.baseAddress, min(Self.pieceSize, region.length - sent), off_t(offset))
            guard count > 0 else {
                throw HTTPClientError(.bodyUnreadable, "\(region.path) ended after \(offset) bytes; \(region.offset + region.length) were to be sent")
            }
            let piece = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            do {
                try region.observer?.observe(piece, at: offset)
            } catch {
                throw HTTPClientError(.bodyUnreadable, "\(error)")
            }
            try stream.write(piece)
            sent += count
        }
    }
}
