#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The real client: one connection per request (Connection: close is fine), http and https.
///
/// Each request runs its blocking socket work on a dedicated thread and is bridged back with a
/// continuation. `https` loads OpenSSL 3 (`libssl.so.3`) with `dlopen` on the first TLS request.
/// Redirects are not followed. Cancelling the calling task aborts the request (`.cancelled`).
public struct SocketHTTPClient: HTTPTransport {
    /// Limit for connecting (all addresses together) and for each wait for data or buffer space.
    public let timeout: TimeInterval
    /// A PEM bundle trusted instead of the system store, or `nil` for the system store.
    public var caFile: String? {
        if case .file(let path) = trust { return path }
        return nil
    }

    /// Trusted CA certificates; `nil` means the system store.
    let trust: TrustSource?

    /// Creates a client with a per-operation `timeout` in seconds, trusting the system CA store:
    /// `SSL_CERT_FILE` / `SSL_CERT_DIR` when set, else OpenSSL's default hashed certificate
    /// directory (looked up lazily per issuer), else OpenSSL's default bundle.
    public init(timeout: TimeInterval = 30) {
        self.init(timeout: timeout, trust: nil)
    }

    /// Creates a client that trusts only the CA certificates in the PEM file `caFile`
    /// (or the system store when `caFile` is `nil`).
    public init(timeout: TimeInterval = 30, caFile: String?) {
        self.init(timeout: timeout, trust: caFile.map(TrustSource.file))
    }

    /// Creates a client with an explicit trust source (`nil`: system store).
    init(timeout: TimeInterval, trust: TrustSource?) {
        self.timeout = timeout
        self.trust = trust
    }

    /// Sends `request` over a new connection and returns the complete response.
    public func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let canceller = RequestCanceller()
        let exchange = Exchange(request: request, timeout: IOTimeout(seconds: timeout), trust: trust, canceller: canceller)
        let outcome = await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<Exchange.Outcome, Never>) in
                WorkerThread.run { continuation.resume(returning: exchange.run()) }
            }
        } onCancel: {
            canceller.cancel()
        }
        switch outcome {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }
}
