#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An HTTP request.
public struct HTTPRequest: Sendable {
    /// The request method, e.g. `GET`, `POST`, `HEAD`.
    public var method: String
    /// The absolute `http://` or `https://` URL to request.
    public var url: URL
    /// Header fields in the order they are sent. `Host`, `User-Agent`, `Content-Length` and
    /// `Connection: close` are added by the client when missing (a caller's `Connection` is replaced).
    public var headers: [(String, String)]
    /// The request body; `nil` for none.
    public var body: HTTPBody?
    /// How many bytes the server stores before it answers (a registry committing a blob uploaded
    /// in chunks stores all of them on an empty PUT); nil: the body's length. The client waits
    /// longer for the answer the more there is to store.
    public var storedBytes: Int?

    /// Creates a request with an in-memory body.
    public init(method: String = "GET", url: URL, headers: [(String, String)] = [], body: Data? = nil, storedBytes: Int? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body.map(HTTPBody.bytes)
        self.storedBytes = storedBytes
    }

    /// Creates a request whose body is streamed from part of a file.
    public init(method: String, url: URL, headers: [(String, String)] = [], file: FileRegion, storedBytes: Int? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = .file(file)
        self.storedBytes = storedBytes
    }
}

/// A request body: bytes in memory, or a file region read while sending.
public enum HTTPBody: Sendable {
    /// Bytes in memory.
    case bytes(Data)
    /// Part of a file, never held in memory as a whole.
    case file(FileRegion)

    /// The body's length in bytes.
    public var count: Int {
        switch self {
        case .bytes(let data): return data.count
        case .file(let region): return region.length
        }
    }
}

/// `length` bytes of the file at `path` from `offset`, optionally hashed as they are sent.
public struct FileRegion: Sendable {
    /// The file.
    public let path: String
    /// The first byte to send.
    public let offset: Int
    /// How many bytes to send.
    public let length: Int
    /// Sees every byte sent (by its offset in the file), when given.
    public let observer: (any SentBytesObserver)?

    /// A region; see the properties.
    public init(path: String, offset: Int = 0, length: Int, observer: (any SentBytesObserver)? = nil) {
        self.path = path
        self.offset = offset
        self.length = length
        self.observer = observer
    }
}
