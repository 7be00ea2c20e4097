import Foundation

/// Something wrong with one registry, as the fault proxy of the end-to-end tests injects it
/// (scripts/env/fault-proxy.py) and as real registries misbehave.
enum RegistryFault: Sendable, Equatable {
    /// The first `count` requests whose `METHOD path?query` matches `pattern` (a regular
    /// expression) get `status` with the registry's error document for it (429 with Docker
    /// Hub's rate-limit headers and TOOMANYREQUESTS, 403 DENIED, 5xx UNAVAILABLE) and, when
    /// given, a `Retry-After` header.
    case answer(Int, first: Int, matching: String, retryAfter: String? = nil)
    /// Nothing listens: every connection to the registry's API host is refused.
    case down
    /// Read-after-write lag: after a manifest is put under `tag` (any tag when nil), the first
    /// `reads` GETs or HEADs of that tag answer 404 MANIFEST_UNKNOWN.
    case tagLag(reads: Int, tag: String? = nil)
    /// The first `count` manifest PUTs answer 400 BLOB_UNKNOWN (blobs just uploaded not seen yet).
    case blobUnknown(first: Int)
    /// A proxy in front with nginx's `client_max_body_size`: a request body larger than
    /// `bytes` is answered 413 unread.
    case maxBody(Int)
    /// The token service refuses every account, although `docker login` succeeded (a token
    /// revoked or expired during the run).
    case refuseTokens
    /// The token service grants only `pull`, whatever is asked (GHCR with a job token that
    /// lacks `packages: write`): pushes answer 401 `insufficient_scope`.
    case grantsPullOnly
    /// A blob commit's 201 names another `Docker-Content-Digest` than the one sent (a proxy
    /// that altered the upload).
    case wrongUploadDigest
}
