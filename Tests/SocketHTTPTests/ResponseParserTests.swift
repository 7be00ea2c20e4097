import Foundation
import Testing
@testable import SocketHTTP

/// A well-formed response and what the parser must make of it.
struct ValidCase: CustomTestStringConvertible, Sendable {
    let name: String
    let raw: String
    var method = "GET"
    let status: Int
    let headers: [String]
    let body: String
    var trailers: [String] = []
    var testDescription: String { name }
}

/// A malformed or truncated response and the error kind it must produce.
struct InvalidCase: CustomTestStringConvertible, Sendable {
    let name: String
    let raw: String
    let kind: HTTPClientError.Kind
    let messagePart: String
    var testDescription: String { name }
}

@Suite struct ResponseParserTests {
    static let valid: [ValidCase] = [
        ValidCase(name: "content-length", raw: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA",
                  status: 200, headers: ["Content-Length: 5"], body: "hello"),
        ValidCase(name: "no reason phrase", raw: "HTTP/1.1 201\r\nContent-Length: 0\r\n\r\n",
                  status: 201, headers: ["Content-Length: 0"], body: ""),
        ValidCase(name: "empty reason phrase", raw: "HTTP/1.0 404 \r\n\r\ngone",
                  status: 404, headers: [], body: "gone"),
        ValidCase(name: "until close", raw: "HTTP/1.0 200 OK\r\nServer: x\r\n\r\nline1\nline2\n",
                  status: 200, headers: ["Server: x"], body: "line1\nline2\n"),
        ValidCase(name: "chunked with extensions and trailers",
                  raw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7 \r\n, world\r\nA\r\n0123456789\r\n0\r\nX-Sum: abc\r\nX-Other: d\r\n\r\n",
                  status: 200, headers: ["Transfer-Encoding: chunked"], body: "hello, world0123456789",
                  trailers: ["X-Sum: abc", "X-Other: d"]),
        ValidCase(name: "chunked wins over content-length",
                  raw: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                  status: 200, headers: ["Content-Length: 100", "Transfer-Encoding: gzip, Chunked"], body: "abc"),
        ValidCase(name: "non-chunked transfer coding reads until close",
                  raw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nraw bytes",
                  status: 200, headers: ["Transfer-Encoding: gzip"], body: "raw bytes"),
        ValidCase(name: "duplicate headers kept in order",
                  raw: "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nLink: <x>\r\nset-cookie: b=2\r\nContent-Length: 0\r\n\r\n",
                  status: 200, headers: ["Set-Cookie: a=1", "Link: <x>", "set-cookie: b=2", "Content-Length: 0"], body: ""),
        ValidCase(name: "folded header joined",
                  raw: "HTTP/1.1 200 OK\r\nX-Long: part one\r\n   part two\r\n\tpart three\r\nContent-Length: 0\r\n\r\n",
                  status: 200, headers: ["X-Long: part one part two part three", "Content-Length: 0"], body: ""),
        ValidCase(name: "bare LF line endings and OWS",
                  raw: "HTTP/1.1 200 OK\nA:   spaced value  \nB:\nContent-Length: 2\n\nok",
                  status: 200, headers: ["A: spaced value", "B: ", "Content-Length: 2"], body: "ok"),
        ValidCase(name: "100 continue skipped",
                  raw: "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\nX-I: 1\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
                  status: 200, headers: ["Content-Length: 2"], body: "hi"),
        ValidCase(name: "204 has no body", raw: "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello",
                  status: 204, headers: ["Content-Length: 5"], body: ""),
        ValidCase(name: "304 has no body", raw: "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n",
                  status: 304, headers: ["ETag: \"x\""], body: ""),
        ValidCase(name: "HEAD has no body", raw: "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n", method: "HEAD",
                  status: 200, headers: ["Content-Length: 1234"], body: ""),
        ValidCase(name: "repeated equal content-length", raw: "HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabcdef",
                  status: 200, headers: ["Content-Length: 3, 3", "Content-Length: 3"], body: "abc"),
        ValidCase(name: "redirect returned, not followed",
                  raw: "HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n",
                  status: 302, headers: ["Location: /elsewhere", "Content-Length: 0"], body: ""),
        ValidCase(name: "UTF-8 header value", raw: "HTTP/1.1 200 OK\r\nX-Name: caf\u{E9}\r\n\r\n",
                  status: 200, headers: ["X-Name: café"], body: "")
    ]

    @Test(arguments: valid)
    func parsesValidResponses(_ item: ValidCase) throws {
        for piece in [Int.max, 7, 1] {
            let response = try parseResponse(item.raw, method: item.method, piece: piece)
            #expect(response.status == item.status)
            #expect(flat(response.headers) == item.headers)
            #expect(String(decoding: response.body, as: UTF8.self) == item.body)
            #expect(flat(response.trailers) == item.trailers)
        }
    }

    static let invalid: [InvalidCase] = [
        InvalidCase(name: "garbage status line", raw: "ICY 200 OK\r\n\r\n", kind: .invalidResponse, messagePart: "invalid HTTP status line \"ICY 200 OK\""),
        InvalidCase(name: "non-numeric status", raw: "HTTP/1.1 abc OK\r\n\r\n", kind: .invalidResponse, messagePart: "invalid HTTP status line"),
        InvalidCase(name: "four-digit status", raw: "HTTP/1.1 2000 OK\r\n\r\n", kind: .invalidResponse, messagePart: "invalid HTTP status line"),
        InvalidCase(name: "status 099", raw: "HTTP/1.1 099 Hm\r\n\r\n", kind: .invalidResponse, messagePart: "invalid HTTP status line"),
        InvalidCase(name: "HTTP/2 status line", raw: "HTTP/2 200\r\n\r\n", kind: .invalidResponse, messagePart: "invalid HTTP status line"),
        InvalidCase(name: "binary junk", raw: "\u{16}\u{03}\u{01}\u{00}\n", kind: .invalidResponse, messagePart: "\\x16\\x03\\x01\\x00"),
        InvalidCase(name: "header without colon", raw: "HTTP/1.1 200 OK\r\nNoColonHere\r\n\r\n", kind: .invalidResponse, messagePart: "malformed header line \"NoColonHere\""),
        InvalidCase(name: "space before colon", raw: "HTTP/1.1 200 OK\r\nName : v\r\n\r\n", kind: .invalidResponse, messagePart: "malformed header line"),
        InvalidCase(name: "empty header name", raw: "HTTP/1.1 200 OK\r\n: v\r\n\r\n", kind: .invalidResponse, messagePart: "malformed header line"),
        InvalidCase(name: "fold without previous header", raw: "HTTP/1.1 200 OK\r\n continued\r\n\r\n", kind: .invalidResponse, messagePart: "malformed header line"),
        InvalidCase(name: "NUL in header", raw: "HTTP/1.1 200 OK\r\nA: b\u{0}c\r\n\r\n", kind: .invalidResponse, messagePart: "malformed header line"),
        InvalidCase(name: "conflicting content-length", raw: "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", kind: .invalidResponse, messagePart: "invalid Content-Length \"5, 6\""),
        InvalidCase(name: "negative content-length", raw: "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", kind: .invalidResponse, messagePart: "invalid Content-Length \"-1\""),
        InvalidCase(name: "non-numeric content-length", raw: "HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n", kind: .invalidResponse, messagePart: "invalid Content-Length"),
        InvalidCase(name: "huge content-length", raw: "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n", kind: .invalidResponse, messagePart: "invalid Content-Length"),
        InvalidCase(name: "content-length over 64 MiB", raw: "HTTP/1.1 200 OK\r\nContent-Length: 67108865\r\n\r\n", kind: .invalidResponse, messagePart: "body exceeds 67108864 bytes"),
        InvalidCase(name: "bad chunk size", raw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", kind: .invalidResponse, messagePart: "invalid chunk size line \"zz\""),
        InvalidCase(name: "empty chunk size", raw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", kind: .invalidResponse, messagePart: "invalid chunk size line"),
        InvalidCase(name: "overflowing chunk size", raw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n", kind: .invalidResponse, messagePart: "invalid chunk size line"),
        InvalidCase(name: "chunk over 64 MiB", raw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4000001\r\n", kind: .invalidResponse, messagePart: "body exceeds"),
        InvalidCase(name: "chunk without CRLF", raw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n", kind: .invalidResponse, messagePart: "chunk data not followed by CRLF"),
        InvalidCase(name: "endless chunk size line", raw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1" + String(repeating: " ", count: 5000), kind: .invalidResponse, messagePart: "chunk size line too long"),
        InvalidCase(name: "truncated chunked body", raw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", kind: .connectionReset, messagePart: "closed the connection with 2 body bytes still missing"),
        InvalidCase(name: "missing last chunk", raw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", kind: .connectionReset, messagePart: "in the middle of a chunked body"),
        InvalidCase(name: "truncated content-length body", raw: "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", kind: .connectionReset, messagePart: "with 7 body bytes still missing"),
        InvalidCase(name: "no response at all", raw: "", kind: .connectionReset, messagePart: "test:80 closed the connection without sending a response"),
        InvalidCase(name: "truncated headers", raw: "HTTP/1.1 200 OK\r\nContent-Le", kind: .connectionReset, messagePart: "in the middle of the response headers"),
        InvalidCase(name: "truncated status line", raw: "HTTP/1.1 20", kind: .connectionReset, messagePart: "in the middle of the response headers"),
        InvalidCase(name: "oversized header", raw: "HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "a", count: 70_000) + "\r\n\r\n", kind: .invalidResponse, messagePart: "response headers exceed 65536 bytes"),
        InvalidCase(name: "many headers over 64 KiB", raw: "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Some-Header: 0123456789\r\n", count: 3000) + "\r\n", kind: .invalidResponse, messagePart: "response headers exceed 65536 bytes"),
        InvalidCase(name: "oversized status line", raw: "HTTP/1.1 200 " + String(repeating: "O", count: 70_000), kind: .invalidResponse, messagePart: "response headers exceed 65536 bytes"),
        InvalidCase(name: "endless interim responses", raw: String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: 40), kind: .invalidResponse, messagePart: "more than 16 interim (1xx) responses"),
        InvalidCase(name: "oversized trailers", raw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: " + String(repeating: "t", count: 70_000) + "\r\n\r\n", kind: .invalidResponse, messagePart: "trailer fields exceed 65536 bytes")
    ]

    @Test(arguments: invalid)
    func rejectsMalformedResponses(_ item: InvalidCase) {
        for piece in [Int.max, 3] {
            let error = captureError { () throws(HTTPClientError) in try parseResponse(item.raw, piece: piece) }
            #expect(error?.kind == item.kind)
            #expect(error?.message.contains(item.messagePart) == true, "\(error?.message ?? "no error")")
        }
    }

    @Test func enforcesBodyLimitOnCloseDelimitedAndChunkedBodies() {
        var limits = ResponseLimits()
        limits.maxBodyBytes = 10
        let closeDelimited = captureError { () throws(HTTPClientError) in
            try parseResponse("HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "x", count: 11), limits: limits)
        }
        #expect(closeDelimited == HTTPClientError(.invalidResponse, "invalid response from test:80: body exceeds 10 bytes"))
        let chunked = captureError { () throws(HTTPClientError) in
            try parseResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n5\r\nghijk\r\n0\r\n\r\n", limits: limits)
        }
        #expect(chunked?.message == "invalid response from test:80: body exceeds 10 bytes")
        let exact = try? parseResponse("HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "x", count: 10), limits: limits)
        #expect(exact?.body.count == 10)
    }

    @Test func headerLookupIsCaseInsensitiveAndReturnsFirst() {
        let response = HTTPResponse(status: 200, headers: [("ETag", "1"), ("etag", "2"), ("X", "y")])
        #expect(response.header("etag") == "1")
        #expect(response.header("ETAG") == "1")
        #expect(response.headers(named: "Etag") == ["1", "2"])
        #expect(response.header("Missing") == nil)
        #expect(response.header("ETa") == nil)
    }
}
