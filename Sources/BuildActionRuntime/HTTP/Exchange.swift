#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One blocking request/response exchange over a fresh connection.
struct Exchange: Sendable {
    /// The request to send.
    let request: HTTPRequest
    /// Per-operation timeout.
    let timeout: IOTimeout
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
        let head = try RequestEncoder.head(for: request, target: target)
        let socket = try SocketConnection.connect(to: target, timeout: timeout, canceller: canceller)
        let stream: ByteStream = target.isTLS ? try TLSConnection.open(over: socket, host: target.host, trust: trust) : socket
        let writeError = catching { () throws(HTTPClientError) in
            try stream.write(head)
            if let body = request.body, !body.isEmpty { try stream.write(data: body) }
        }
        if let writeError, writeError.kind != .connectionReset { throw writeError }
        let parser = ResponseParser(reader: BufferedReader(stream), method: request.method, peer: target.authority, limits: limits)
        // A server may answer early (e.g. 413) and close before reading the whole body: prefer its
        // response over the write error when one can be read.
        do throws(HTTPClientError) {
            return try parser.parse()
        } catch {
            throw writeError ?? error
        }
    }
}
