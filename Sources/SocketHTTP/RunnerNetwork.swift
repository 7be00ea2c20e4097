#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The runner's network as the environment describes it: the proxies every request of the
/// action goes through (self-hosted runners behind a corporate proxy set `HTTPS_PROXY`).
public enum RunnerNetwork {
    /// A client through `environment`'s proxies; a proxy variable that is not an http proxy URL
    /// is an error naming it.
    public static func client(_ environment: [String: String], timeout: TimeInterval) throws(ProxyError) -> SocketHTTPClient {
        SocketHTTPClient(timeout: timeout, proxy: try ProxySettings(environment: environment))
    }

    /// `client`, direct when the proxy variables are unusable (callers that report that error
    /// themselves, once, at the start of a run).
    public static func lenientClient(_ environment: [String: String], timeout: TimeInterval) -> SocketHTTPClient {
        (try? client(environment, timeout: timeout)) ?? SocketHTTPClient(timeout: timeout)
    }
}
