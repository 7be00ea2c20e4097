import BuildActionCore

/// An open blob upload: where the next PATCH or the commit goes (the registry's `Location`, its
/// `_state` query kept) and the smallest chunk the registry takes.
/// https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-blobs
public struct UploadSession: Sendable, Equatable {
    /// Path and query on the registry.
    public let location: String
    /// `OCI-Chunk-Min-Length`, when the registry states one.
    public let minimumChunk: Int?

    /// `location` with `digest=<digest>` added to its query (the commit).
    func committing(_ digest: Digest) -> String {
        location + (location.contains("?") ? "&" : "?") + "digest=" + digest.algorithm + "%3A" + digest.encoded
    }
}

/// How an upload starts: the blob was mounted from another repository, or a session is open
/// (`mountRefused` says why a mount asked for did not happen).
public enum UploadStart: Sendable, Equatable {
    /// Mounted: nothing to upload.
    case mounted
    /// An open session.
    case session(UploadSession, mountRefused: String?)
}
