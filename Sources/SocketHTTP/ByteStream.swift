#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A bidirectional byte stream (plain socket or TLS session) with blocking, timed I/O.
protocol ByteStream: AnyObject {
    /// Reads up to `buffer.count` bytes; returns 0 at end of stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(HTTPClientError) -> Int
    /// Writes all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(HTTPClientError)
}

extension ByteStream {
    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws(HTTPClientError) {
        let failure = bytes.withUnsafeBytes { raw in catching { () throws(HTTPClientError) in try write(raw) } }
        if let failure { throw failure }
    }

    /// Writes all bytes of `data`.
    func write(data: Data) throws(HTTPClientError) {
        let failure = data.withUnsafeBytes { raw in catching { () throws(HTTPClientError) in try write(raw) } }
        if let failure { throw failure }
    }
}

/// Runs `body` and returns its error instead of throwing it. Lets typed errors cross the
/// non-typed `rethrows` closures of `withUnsafeBytes` without a generic `Result` (whose metadata
/// costs a protocol-conformance scan on first use in a large static binary).
func catching(_ body: () throws(HTTPClientError) -> Void) -> HTTPClientError? {
    do throws(HTTPClientError) {
        try body()
        return nil
    } catch {
        return error
    }
}
