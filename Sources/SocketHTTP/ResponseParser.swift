#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads one HTTP/1.x response (after skipping 1xx interim responses) from a `BufferedReader`.
struct ResponseParser {
    /// How the body is delimited.
    enum Framing: Equatable {
        case none
        case length(Int)
        case chunked
        case untilClose
    }

    private let reader: BufferedReader
    private let method: String
    private let limits: ResponseLimits
    private let peer: String

    /// Creates a parser; `peer` (`host:port`) is used in error messages.
    init(reader: BufferedReader, method: String, peer: String, limits: ResponseLimits = ResponseLimits()) {
        self.reader = reader
        self.method = method
        self.limits = limits
        self.peer = peer
    }

    /// Reads the final response, including its whole body.
    func parse() throws(HTTPClientError) -> HTTPResponse {
        var budget = limits.maxHeaderBytes
        for _ in 0...limits.maxInterimResponses {
            let status = try readStatusLine(budget: &budget)
            let headers = try HeaderBlockReader(reader: reader, peer: peer).read(budget: &budget, limit: limits.maxHeaderBytes, what: "response headers")
            if status >= 100 && status < 200 && status != 101 { continue }
            let framing = try Self.framing(status: status, method: method, headers: headers)
            let body = try BodyReader(reader: reader, limits: limits, peer: peer).read(framing)
            return HTTPResponse(status: status, headers: headers, body: body.data, trailers: body.trailers)
        }
        throw invalid("more than \(limits.maxInterimResponses) interim (1xx) responses")
    }

    private func readStatusLine(budget: inout Int) throws(HTTPClientError) -> Int {
        switch try reader.readLine(limit: budget) {
        case .line(let bytes, let consumed):
            budget -= consumed
            return try Self.parseStatusLine(bytes)
        case .tooLong:
            throw invalid("response headers exceed \(limits.maxHeaderBytes) bytes")
        case .endOfStream where reader.bytesReceived == 0:
            throw HTTPClientError(.connectionReset, "\(peer) closed the connection without sending a response")
        case .endOfStream:
            throw HTTPClientError(.connectionReset, "\(peer) closed the connection in the middle of the response headers")
        }
    }

    /// Parses `HTTP/1.x NNN reason` and returns the status code.
    static func parseStatusLine(_ line: [UInt8]) throws(HTTPClientError) -> Int {
        let prefix = Array("HTTP/1.".utf8)
        let digit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        guard line.count >= 12, Array(line[0..<7]) == prefix, digit(line[7]), line[8] == 0x20,
              line[9...11].allSatisfy(digit), line.count == 12 || line[12] == 0x20,
              line[9] != 0x30 else {
            throw HTTPClientError(.invalidResponse, "invalid HTTP status line \(Printable.quote(line))")
        }
        return line[9...11].reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// Decides how the body is delimited (RFC 9112 §6.3).
    static func framing(status: Int, method: String, headers: [(String, String)]) throws(HTTPClientError) -> Framing {
        if HeaderName.equal(method, "HEAD") || status < 200 || status == 204 || status == 304 { return .none }
        // A tunnel: after 2xx to CONNECT the connection carries the tunnelled bytes (RFC 9110 §9.3.6).
        if HeaderName.equal(method, "CONNECT") && status < 300 { return .none }
        let codings = FieldList.items(named: "Transfer-Encoding", in: headers, keepEmpty: false)
        if let last = codings.last { return FieldList.equalsLowercase(last, "chunked") ? .chunked : .untilClose }
        let lengths = FieldList.items(named: "Content-Length", in: headers, keepEmpty: true)
        guard let first = lengths.first else { return .untilClose }
        guard let length = FieldList.decimal(first), lengths.allSatisfy({ $0 == first }) else {
            throw HTTPClientError(.invalidResponse, "invalid Content-Length \(Printable.quote(FieldList.joined(lengths)))")
        }
        return .length(length)
    }

    private func invalid(_ text: String) -> HTTPClientError {
        HTTPClientError(.invalidResponse, "invalid response from \(peer): \(text)")
    }
}
