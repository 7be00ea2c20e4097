import BuildActionCore
import Foundation
import SocketHTTP

/// One request to a registry's API: where it goes and what access it needs.
struct RegistryRequest: Sendable {
    /// `GET`, `HEAD`, `POST`, `PATCH`, `PUT`.
    let method: String
    /// The path and query on the registry (`/v2/...`).
    let path: String
    /// The token scope the request needs.
    let scope: AuthScope
    /// `Accept`, when given.
    var accept: String?
    /// `Content-Type`, when given.
    var contentType: String?
    /// More header fields (`Content-Range`).
    var headers: [(String, String)] = []
    /// The body.
    var body: HTTPBody?
    /// Bytes the registry stores before answering (nil: the body's length).
    var storedBytes: Int?

    /// A request; see the properties.
    init(_ method: String, _ path: String, scope: AuthScope, accept: String? = nil, contentType: String? = nil,
         headers: [(String, String)] = [], body: HTTPBody? = nil, storedBytes: Int? = nil) {
        self.method = method
        self.path = path
        self.scope = scope
        self.accept = accept
        self.contentType = contentType
        self.headers = headers
        self.body = body
        self.storedBytes = storedBytes
    }
}
