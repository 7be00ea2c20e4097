/// The seam: anything that can send a request.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the complete response; redirects are not followed.
    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse
}
