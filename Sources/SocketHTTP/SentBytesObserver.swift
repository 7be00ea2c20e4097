/// Sees every byte of a file body as it is sent, by its offset in the file (a digest computed
/// while uploading). Throwing stops the request: the body is then unreadable.
public protocol SentBytesObserver: Sendable {
    /// The bytes just read from the file at `offset`, before they are written to the socket.
    func observe(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws
}
