#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The real client: one connection per request (Connection: close is fine), http and https,
/// directly or through the proxies the environment names.
///
/// Each request runs its blocking socket work on a dedicated thread and is bridged back with a
/// continuation. `https` loads OpenSSL 3 (`libssl.so.3`) with `dlopen` on the first TLS request.
/// Redirects are not followed. Cancelling the calling task aborts the request (`.cancelled`).
public struct SocketHTTPClient: HTTPTransport {
    /// Limit for each wait for data or buffer space.
    public let timeout: TimeInterval
    /// Limit for connecting to one address of a host (each address gets its own).
    public let connectTimeout: TimeInterval
    /// The proxies to use (`.none`: always direct).
    public let proxy: ProxySettings
    /// A PEM bundle trusted instead of the system store, or `nil` for the system store.
    public var caFile: String? {
        if case .file(let path) = trust { return path }
        return nil
    }

    /// Bytes per second a server is allowed for storing what it received before it answers: the
    /// wait for the answer after sending is `timeout + storedBytes / bodyPatienceRate`, so a slow
    /// commit of a big layer is not taken for a dead connection (and uploaded again).
    public static let bodyPatienceRate: Double = 4 * 1_048_576

    /// Trusted CA certificates; `nil` means the system store.
    let trust: TrustSource?

    /// Creates a client with a per-operation `timeout` in seconds, trusting the system CA store
    /// (`SSL_CERT_FILE` / `SSL_CERT_DIR` when set, else OpenSSL's defaults) or only the PEM file
    /// `caFile`, connecting through `proxy`.
    public init(timeout: TimeInterval = 30, caFile: String? = nil, connectTimeout: TimeInterval = 10, proxy: ProxySettings = .none) {
        self.init(timeout: timeout, trust: caFile.map(TrustSource.file), connectTimeout: connectTimeout, proxy: proxy)
    }

    /// Creates a client with an explicit trust source (`nil`: system store).
    init(timeout: TimeInterval, trust: TrustSource?, connectTimeout: TimeInterval = 10, proxy: ProxySettings = .none) {
        self.timeout = timeout
        self.trust = trust
        self.connectTimeout = connectTimeout
        self.proxy = proxy
    }

    /// Sends `request` over a new connection and returns the complete response.
    public func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        let canceller = RequestCanceller()
        let bodyWait = timeout + Double(request.storedBytes ?? request.body?.count ?? 0) / Self.bodyPatienceRate
        let exchange = Exchange(request: request, timeout: IOTimeout(seconds: timeout), connectTimeout: IOTimeout(seconds: connectTimeout),
                                responseTimeout: IOTimeout(seconds: bodyWait), proxy: proxy, trust: trust, canceller: canceller)
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
