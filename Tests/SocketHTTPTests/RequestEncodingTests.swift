import Foundation
import Testing
@testable import SocketHTTP

@Suite struct RequestEncodingTests {
    private func head(_ request: HTTPRequest) throws(HTTPClientError) -> String {
        let target = try RequestTarget(url: request.url)
        return String(decoding: try RequestEncoder.head(for: request, target: target), as: UTF8.self)
    }

    @Test func getAddsHostUserAgentAndConnectionClose() throws {
        let text = try head(HTTPRequest(url: URL(string: "http://example.test:8080/a/b?x=1&y=%20#frag")!))
        #expect(text == "GET /a/b?x=1&y=%20 HTTP/1.1\r\nHost: example.test:8080\r\nUser-Agent: MiniHTTP/1.0\r\nConnection: close\r\n\r\n")
    }

    @Test func defaultPortsAreOmittedFromHost() throws {
        #expect(try head(HTTPRequest(url: URL(string: "http://example.test:80")!)).hasPrefix("GET / HTTP/1.1\r\nHost: example.test\r\n"))
        #expect(try head(HTTPRequest(url: URL(string: "https://example.test/")!)).contains("\r\nHost: example.test\r\n"))
        #expect(try head(HTTPRequest(url: URL(string: "https://example.test:80/")!)).contains("\r\nHost: example.test:80\r\n"))
    }

    @Test func ipv6LiteralIsBracketed() throws {
        let target = try RequestTarget(url: URL(string: "http://[::1]:8081/x")!)
        #expect(target.host == "::1")
        #expect(target.hostHeader == "[::1]:8081")
        #expect(target.authority == "[::1]:8081")
    }

    @Test func bodyGetsContentLengthAndCallerHeadersKeepOrder() throws {
        let request = HTTPRequest(method: "POST", url: URL(string: "http://h/p")!,
                                  headers: [("Content-Type", "application/json"), ("User-Agent", "mine/2"), ("Connection", "keep-alive"), ("X-A", "1")],
                                  body: Data("{\"a\":1}".utf8))
        #expect(try head(request) == "POST /p HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nUser-Agent: mine/2\r\nX-A: 1\r\nContent-Length: 7\r\nConnection: close\r\n\r\n")
    }

    @Test func emptyPostAnnouncesZeroLengthButGetDoesNot() throws {
        #expect(try head(HTTPRequest(method: "PUT", url: URL(string: "http://h/")!)).contains("\r\nContent-Length: 0\r\n"))
        #expect(try !head(HTTPRequest(method: "DELETE", url: URL(string: "http://h/")!)).contains("Content-Length"))
    }

    @Test func callerHostAndContentLengthWin() throws {
        let request = HTTPRequest(method: "POST", url: URL(string: "http://h/")!,
                                  headers: [("host", "virtual"), ("content-length", "3")], body: Data("abc".utf8))
        #expect(try head(request) == "POST / HTTP/1.1\r\nhost: virtual\r\ncontent-length: 3\r\nUser-Agent: MiniHTTP/1.0\r\nConnection: close\r\n\r\n")
    }

    @Test(arguments: [
        ("GET /", [("A", "b")], "invalid HTTP method \"GET /\""),
        ("", [("A", "b")], "invalid HTTP method \"\""),
        ("GET", [("Bad Name", "b")], "invalid header name \"Bad Name\""),
        ("GET", [("X", "a\r\nInjected: 1")], "invalid characters in the value of header X"),
        ("GET", [("X", "a\nb")], "invalid characters in the value of header X")
    ])
    func rejectsInjection(method: String, headers: [(String, String)], message: String) {
        let request = HTTPRequest(method: method, url: URL(string: "http://h/")!, headers: headers)
        let error = captureError { () throws(HTTPClientError) in try head(request) }
        #expect(error == HTTPClientError(.invalidRequest, message))
    }

    @Test(arguments: [
        ("ftp://example.test/file", "scheme ftp is not http or https"),
        ("file:///etc/passwd", "scheme file is not http or https"),
        ("mailto:someone@example.test", "scheme mailto is not http or https"),
        ("http:///path", "missing or invalid host"),
        ("/relative/path", "not an absolute URL"),
        ("http://h:0/", "invalid port 0"),
        ("http://h:70000/", "invalid port 70000")
    ])
    func rejectsUnsupportedURLs(url: String, reason: String) {
        let error = captureError { () throws(HTTPClientError) in try RequestTarget(url: URL(string: url)!) }
        #expect(error?.kind == .unsupportedURL)
        #expect(error?.message.hasSuffix(reason) == true, "\(error?.message ?? "no error")")
    }

    @Test func relativeURLIsResolvedAgainstItsBase() throws {
        let url = URL(string: "x%20y?q=1", relativeTo: URL(string: "http://h:81/a/b")!)!
        let target = try RequestTarget(url: url)
        #expect(target.path == "/a/x%20y?q=1")
        #expect(target.authority == "h:81")
    }

    @Test func schemeIsCaseInsensitiveAndTLSDetected() throws {
        let target = try RequestTarget(url: URL(string: "HTTPS://Example.test/x")!)
        #expect(target.isTLS)
        #expect(target.port == 443)
        #expect(try RequestTarget(url: URL(string: "http://e/")!).isTLS == false)
    }

    @Test func latin1HeaderBytesAreDecoded() throws {
        var raw = Array("HTTP/1.1 200 OK\r\nX-Name: caf".utf8)
        raw += [0xE9] + Array("\r\nContent-Length: 0\r\n\r\n".utf8)
        let reader = BufferedReader(MemoryStream(raw))
        let response = try ResponseParser(reader: reader, method: "GET", peer: "t:1").parse()
        #expect(response.header("x-name") == "café")
    }

    @Test func timeoutTextAndClamping() {
        #expect(IOTimeout(seconds: 0.5).milliseconds == 500)
        #expect(IOTimeout(seconds: 0.5).text == "0.5 s")
        #expect(IOTimeout(seconds: 30).text == "30 s")
        #expect(IOTimeout(seconds: 0).milliseconds == 1)
        #expect(IOTimeout(seconds: -3).milliseconds == 1)
        #expect(IOTimeout(seconds: .infinity).milliseconds == Int32.max)
    }
}
