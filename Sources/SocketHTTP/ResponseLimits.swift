/// Size limits applied while reading a response.
struct ResponseLimits: Sendable {
    /// Maximum bytes of status line plus header block (interim responses included), and of trailers.
    var maxHeaderBytes = 64 * 1024
    /// Maximum body bytes after de-chunking.
    var maxBodyBytes = 64 * 1024 * 1024
    /// Maximum length of a chunk-size line.
    var maxChunkLineBytes = 4 * 1024
    /// Maximum number of interim (1xx) responses skipped before giving up.
    var maxInterimResponses = 16
}
