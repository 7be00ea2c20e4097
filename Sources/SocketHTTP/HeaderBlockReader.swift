/// Reads a header (or trailer) block up to and including its empty line.
struct HeaderBlockReader {
    /// The source of lines.
    let reader: BufferedReader
    /// `host:port`, for messages.
    let peer: String

    /// Reads fields until the empty line, charging every byte to `budget` (out of `limit`, for messages).
    func read(budget: inout Int, limit: Int, what: String) throws(HTTPClientError) -> [(String, String)] {
        var fields: [(String, String)] = []
        while true {
            switch try reader.readLine(limit: budget) {
            case .line(let bytes, let consumed):
                budget -= consumed
                if bytes.isEmpty { return fields }
                try add(bytes, to: &fields)
            case .tooLong:
                throw HTTPClientError(.invalidResponse, "invalid response from \(peer): \(what) exceed \(limit) bytes")
            case .endOfStream:
                throw HTTPClientError(.connectionReset, "\(peer) closed the connection in the middle of the \(what)")
            }
        }
    }

    private func add(_ line: [UInt8], to fields: inout [(String, String)]) throws(HTTPClientError) {
        guard !line.contains(0) else { throw malformed(line) }
        if line[0] == 0x20 || line[0] == 0x09 {
            guard let last = fields.popLast() else { throw malformed(line) }
            let more = Printable.string(Self.trim(line[...]))
            fields.append((last.0, last.1.isEmpty ? more : last.1 + " " + more))
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
              line[..<colon].allSatisfy(RequestEncoder.isTokenByte) else { throw malformed(line) }
        fields.append((Printable.string(line[..<colon]), Printable.string(Self.trim(line[(colon + 1)...]))))
    }

    private static func trim(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
              let last = bytes.lastIndex(where: { !isSpace($0) }) else { return [] }
        return bytes[first...last]
    }

    private func malformed(_ line: [UInt8]) -> HTTPClientError {
        HTTPClientError(.invalidResponse, "invalid response from \(peer): malformed header line \(Printable.quote(line))")
    }
}
