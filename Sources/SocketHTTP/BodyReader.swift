#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a response body according to its framing, enforcing the body size limit.
struct BodyReader {
    /// A body and the trailer fields that followed it.
    struct Body {
        var data = Data()
        var trailers: [(String, String)] = []
    }

    /// The source of bytes.
    let reader: BufferedReader
    /// Limits to enforce.
    let limits: ResponseLimits
    /// `host:port`, for messages.
    let peer: String

    /// Reads the whole body.
    func read(_ framing: ResponseParser.Framing) throws(HTTPClientError) -> Body {
        var body = Body()
        switch framing {
        case .none:
            break
        case .length(let length):
            guard length <= limits.maxBodyBytes else { throw tooLarge() }
            try readExactly(length, into: &body.data)
        case .chunked:
            try readChunks(into: &body)
        case .untilClose:
            try readUntilClose(into: &body.data)
        }
        return body
    }

    private func readExactly(_ count: Int, into data: inout Data) throws(HTTPClientError) {
        var remaining = count
        data.reserveCapacity(data.count + min(count, 1 << 20))
        while remaining > 0 {
            let bytes = try reader.readSome(maxCount: remaining)
            guard !bytes.isEmpty else {
                throw HTTPClientError(.connectionReset, "\(peer) closed the connection with \(remaining) body bytes still missing")
            }
            data.append(contentsOf: bytes)
            remaining -= bytes.count
        }
    }

    private func readUntilClose(into data: inout Data) throws(HTTPClientError) {
        while true {
            let bytes = try reader.readSome(maxCount: 64 * 1024)
            if bytes.isEmpty { return }
            guard data.count + bytes.count <= limits.maxBodyBytes else { throw tooLarge() }
            data.append(contentsOf: bytes)
        }
    }

    private func readChunks(into body: inout Body) throws(HTTPClientError) {
        while true {
            let size = try Self.chunkSize(try line(what: "chunk size line"), peer: peer)
            if size == 0 { break }
            guard size <= limits.maxBodyBytes - body.data.count else { throw tooLarge() }
            try readExactly(size, into: &body.data)
            guard try line(what: "chunk data terminator").isEmpty else {
                throw HTTPClientError(.invalidResponse, "invalid response from \(peer): chunk data not followed by CRLF")
            }
        }
        var budget = limits.maxHeaderBytes
        body.trailers = try HeaderBlockReader(reader: reader, peer: peer).read(budget: &budget, limit: limits.maxHeaderBytes, what: "trailer fields")
    }

    private func line(what: String) throws(HTTPClientError) -> [UInt8] {
        switch try reader.readLine(limit: limits.maxChunkLineBytes) {
        case .line(let bytes, _): return bytes
        case .tooLong: throw HTTPClientError(.invalidResponse, "invalid response from \(peer): \(what) too long")
        case .endOfStream: throw HTTPClientError(.connectionReset, "\(peer) closed the connection in the middle of a chunked body")
        }
    }

    /// Parses `hex[;extensions]` into a chunk size.
    static func chunkSize(_ line: [UInt8], peer: String) throws(HTTPClientError) -> Int {
        let sizePart = line.prefix { $0 != UInt8(ascii: ";") }
        let digits = sizePart.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed()
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ hexValue($0) != nil }) else {
            throw HTTPClientError(.invalidResponse, "invalid response from \(peer): invalid chunk size line \(Printable.quote(line))")
        }
        return digits.reduce(0) { $0 * 16 + (hexValue($1) ?? 0) }
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: return Int(byte - 0x30)
        case 0x41...0x46: return Int(byte - 0x41 + 10)
        case 0x61...0x66: return Int(byte - 0x61 + 10)
        default: return nil
        }
    }

    private func tooLarge() -> HTTPClientError {
        HTTPClientError(.invalidResponse, "invalid response from \(peer): body exceeds \(limits.maxBodyBytes) bytes")
    }
}
