import BuildActionCore
import SocketHTTP
import Glibc
import Synchronization

/// The SHA-256 of a file's bytes as they are sent, in file order: bytes before its position
/// (sent again after a resumed upload) are skipped, and a gap (the registry holds more than was
/// sent) is read from the file. libcrypto's EVP when available, else the core's `SHA256`.
public final class StreamingDigest: Sendable {
    private enum Engine {
        case libcrypto(OpaquePointer)
        case portable(SHA256)
    }

    private struct State: @unchecked Sendable {
        var engine: Engine
        var position = 0
        var finished: String?
    }

    private let state: Mutex<State>
    /// The file the bytes come from (for gaps).
    public let path: String

    /// A digest of the file at `path`, from its first byte.
    public init(path: String) {
        self.path = path
        if let crypto = LibCryptoSHA256.shared, let context = crypto.makeContext() {
            state = Mutex(State(engine: .libcrypto(context)))
        } else {
            state = Mutex(State(engine: .portable(SHA256())))
        }
    }

    deinit {
        state.withLock { state in
            if case .libcrypto(let context) = state.engine, state.finished == nil { LibCryptoSHA256.shared?.free(context) }
        }
    }

    /// How many bytes from the start have been hashed.
    public var position: Int { state.withLock { $0.position } }

    /// Feeds `buffer`, which holds the file's bytes from `offset`.
    public func feed(_ buffer: UnsafeRawBufferPointer, at offset: Int) throws(StreamingDigestError) {
        if offset > position { try catchUp(to: offset) }
        state.withLock { state in
            let skip = state.position - offset
            guard skip < buffer.count, state.finished == nil, let base = buffer.baseAddress else { return }
            Self.update(&state.engine, UnsafeRawBufferPointer(start: base + skip, count: buffer.count - skip))
            state.position += buffer.count - skip
        }
    }

    /// Hashes the file from the current position up to `offset`.
    public func catchUp(to offset: Int) throws(StreamingDigestError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StreamingDigestError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while position < offset {
            let start = position
            let count = pread(fd, buffer.baseAddress, min(chunk, offset - start), off_t(start))
            guard count > 0 else { throw StreamingDigestError("\(path) ends at \(start) bytes, before byte \(offset)") }
            state.withLock { state in
                Self.update(&state.engine, UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                state.position += count
            }
        }
    }

    /// `sha256:<hex>` of everything fed; later feeds are ignored.
    public func finalize() -> String {
        state.withLock { state in
            if let finished = state.finished { return finished }
            let bytes: [UInt8]
            switch state.engine {
            case .libcrypto(let context): bytes = LibCryptoSHA256.shared?.finish(context) ?? []
            case .portable(var hasher): bytes = hasher.finalize()
            }
            let digest = "sha256:" + SHA256.hex(bytes)
            state.finished = digest
            return digest
        }
    }

    /// The digest of the whole file at `path` (read in 1 MiB pieces).
    public static func ofFile(_ path: String) throws(StreamingDigestError) -> String {
        let digest = StreamingDigest(path: path)
        var info = stat()
        guard stat(path, &info) == 0 else { throw StreamingDigestError("cannot read \(path): \(String(cString: strerror(errno)))") }
        try digest.catchUp(to: Int(info.st_size))
        return digest.finalize()
    }

    private static func update(_ engine: inout Engine, _ bytes: UnsafeRawBufferPointer) {
        switch engine {
        case .libcrypto(let context): _ = LibCryptoSHA256.shared?.update(context, bytes.baseAddress, bytes.count)
        case .portable(var hasher):
            hasher.update(bytes)
            engine = .portable(hasher)
        }
    }
}

/// A file that could not be hashed.
public struct StreamingDigestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String

    /// An error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

extension StreamingDigest: SentBytesObserver {
    /// Feeds the bytes an upload sends (see `feed(_:at:)`).
    public func observe(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        try feed(bytes, at: offset)
    }
}
