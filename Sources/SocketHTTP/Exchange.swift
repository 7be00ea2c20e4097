#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One blocking request/response exchange over a fresh connection, direct or through a proxy
/// (a `CONNECT` tunnel for https, the absolute-form request for http).
struct Exchange: Sendable {
    /// The request to send.
    let request: HTTPRequest
    /// Per-operation timeout.
    let timeout: IOTimeout
    /// Limit for connecting to one address.
    let connectTimeout: IOTimeout
    /// The wait for the answer once the body is sent.
    let responseTimeout: IOTimeout
    /// The proxies to use.
    let proxy: ProxySettings
    /// Trusted CA certificates, or `nil` for the system store.
    let trust: TrustSource?
    /// Cancellation hook shared with the calling task.
    let canceller: RequestCanceller
    /// Response limits.
    var limits = ResponseLimits()

    /// The result of an exchange (a non-generic stand-in for `Result`).
    enum Outcome: Sendable {
        case response(HTTPResponse)
        case failure(HTTPClientError)
    }

    /// Performs the exchange; any error is reported as `.cancelled` once the task was cancelled.
    func run() -> Outcome {
        do throws(HTTPClientError) {
            return .response(try perform())
        } catch {
            guard error.kind != .cancelled, canceller.isCancelled else { return .failure(error) }
            return .failure(HTTPClientError(.cancelled, "request to \(request.url.absoluteString) was cancelled"))
        }
    }

    private func perform() throws(HTTPClientError) -> HTTPResponse {
        guard !canceller.isCancelled else {
            throw HTTPClientError(.cancelled, "request to \(request.url.absoluteString) was cancelled")
        }
        let target = try RequestTarget(url: request.url)
        let via = proxy.endpoint(tls: target.isTLS, host: target.host, port: target.port)
        let head = try RequestEncoder.head(for: request, target: target, forwardProxy: target.isTLS ? nil : via)
        let socket = try connect(target, via: via)
        let stream: ByteStream = target.isTLS ? try TLSConnection.open(over: socket, host: target.host, trust: trust) : socket
        let writeError = catching { () throws(HTTPClientError) in
            try stream.write(head)
            if let body = request.body { try BodyWriter(stream: stream, socket: target.isTLS ? nil : socket).write(body) }
        }
        if let writeError, writeError.kind != .connectionReset { throw writeError }
        socket.timeout = responseTimeout
        let parser = ResponseParser(reader: BufferedReader(stream), method: request.method, peer: target.authority, limits: limits)
        // A server may answer early (e.g. 413) and close before reading the whole body: prefer its
        // response over the write error when one can be read.
        do throws(HTTPClientError) {
            return try parser.parse()
        } catch {
            throw writeError ?? error
        }
    }

    /// A socket to `target`, or to the proxy (with a tunnel to `target` for https).
    private func connect(_ target: RequestTarget, via proxy: ProxySettings.Endpoint?) throws(HTTPClientError) -> SocketConnection {
        guard let proxy else {
            return try SocketConnection.connect(host: target.host, port: target.port, connectTimeout: connectTimeout, timeout: timeout, canceller: canceller)
        }
        let socket: SocketConnection
        do throws(HTTPClientError) {
            socket = try SocketConnection.connect(host: proxy.host, port: proxy.port, connectTimeout: connectTimeout, timeout: timeout, canceller: canceller)
        } catch {
            throw HTTPClientError(error.kind, "could not reach proxy \(proxy.display) (from \(proxy.source)) for \(target.authority): \(error.message)")
        }
        if target.isTLS { try ProxyTunnel.open(over: socket, to: target, proxy: proxy) }
        return socket
    }
}
