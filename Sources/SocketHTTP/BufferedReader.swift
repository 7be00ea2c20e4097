/// Buffers a `ByteStream` and hands out lines and raw byte runs.
final class BufferedReader {
    /// The outcome of `readLine`.
    enum Line: Equatable {
        /// A complete line without its LF / CRLF terminator; `consumed` includes the terminator.
        case line([UInt8], consumed: Int)
        /// The stream ended before a line terminator.
        case endOfStream
        /// More than the allowed number of bytes arrived without a terminator.
        case tooLong
    }

    private let stream: ByteStream
    private var buffer: [UInt8] = []
    private var start = 0
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 1)
    /// Total number of bytes received from the stream so far.
    private(set) var bytesReceived = 0

    /// Wraps `stream`.
    init(_ stream: ByteStream) {
        self.stream = stream
    }

    deinit {
        scratch.deallocate()
    }

    /// Reads one line of at most `limit` bytes (terminator included).
    func readLine(limit: Int) throws(HTTPClientError) -> Line {
        var searchFrom = start
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: 0x0A) {
                let consumed = newline + 1 - start
                guard consumed <= limit else { return .tooLong }
                var end = newline
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = Array(buffer[start..<end])
                start = newline + 1
                return .line(line, consumed: consumed)
            }
            if buffer.count - start >= limit { return .tooLong }
            let before = buffer.count - start
            guard try fill() > 0 else { return .endOfStream }
            searchFrom = start + before
        }
    }

    /// Returns up to `maxCount` buffered or freshly received bytes; empty at end of stream.
    func readSome(maxCount: Int) throws(HTTPClientError) -> ArraySlice<UInt8> {
        if start == buffer.count, try fill() == 0 { return [] }
        let end = min(buffer.count, start + maxCount)
        defer { start = end }
        return buffer[start..<end]
    }

    private func fill() throws(HTTPClientError) -> Int {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 64 * 1024 {
            buffer.removeFirst(start)
            start = 0
        }
        let count = try stream.read(into: scratch)
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
        bytesReceived += count
        return count
    }
}
