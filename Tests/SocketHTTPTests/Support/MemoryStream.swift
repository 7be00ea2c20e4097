import Foundation
@testable import SocketHTTP

/// An in-memory `ByteStream` that hands out its bytes in pieces of at most `piece` bytes.
final class MemoryStream: ByteStream {
    private let bytes: [UInt8]
    private let piece: Int
    private var offset = 0
    private(set) var written: [UInt8] = []

    init(_ bytes: [UInt8], piece: Int = .max) {
        self.bytes = bytes
        self.piece = piece
    }

    convenience init(_ text: String, piece: Int = .max) {
        self.init(Array(text.utf8), piece: piece)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPClientError) -> Int {
        let count = min(piece, buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<(offset + count)]))
        }
        offset += count
        return count
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(HTTPClientError) {
        written.append(contentsOf: bytes)
    }
}

/// Parses `raw` as a response to `method`, feeding it `piece` bytes at a time.
func parseResponse(_ raw: String, method: String = "GET", piece: Int = .max,
                   limits: ResponseLimits = ResponseLimits()) throws(HTTPClientError) -> HTTPResponse {
    let reader = BufferedReader(MemoryStream(raw, piece: piece))
    return try ResponseParser(reader: reader, method: method, peer: "test:80", limits: limits).parse()
}

/// Runs `body` and returns the thrown `HTTPClientError`, or `nil` if it did not throw.
func captureError<T>(_ body: () throws(HTTPClientError) -> T) -> HTTPClientError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

/// Awaits `body` and returns the thrown `HTTPClientError`, or `nil` if it did not throw.
func captureError<T>(_ body: () async throws(HTTPClientError) -> T) async -> HTTPClientError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

/// Header pairs as comparable strings.
func flat(_ headers: [(String, String)]) -> [String] {
    headers.map { "\($0.0): \($0.1)" }
}

/// Runs blocking test set-up (processes, semaphores) on a fresh thread so that it never
/// occupies one of the few cooperative-pool threads other tests need.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
