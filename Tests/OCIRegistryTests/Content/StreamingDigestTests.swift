import BuildActionCore
import Foundation
import Glibc
import SocketHTTP
import Testing

@testable import OCIRegistry

@Suite("SHA-256 of files as they are sent")
struct StreamingDigestTests {
    /// A temporary file of `count` pseudo-random bytes.
    static func file(_ count: Int) throws -> String {
        let path = NSTemporaryDirectory() + "okf-digest-\(UUID().uuidString)"
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<count).map { _ -> UInt8 in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// As the observer of an upload that resumes at byte 1,000,000: it first catches up from
    /// byte 0 (read from the file), then hashes what is sent.
    @Test func observingAResumedUploadCatchesUp() throws {
        let path = try Self.file(3_000_000)
        defer { unlink(path) }
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        let digest = StreamingDigest(path: path)
        let observer: any SentBytesObserver = digest
        try whole[1_000_000..<2_500_000].withUnsafeBytes { try observer.observe($0, at: 1_000_000) }
        #expect(digest.position == 2_500_000)
        #expect(digest.finalize() == SHA256.digest(whole[0..<2_500_000]))
    }

    @Test func libcryptoIsLoadedHere() {
        // The runner image and this machine ship libssl3; the portable fallback is tested below.
        #expect(LibCryptoSHA256.shared != nil)
    }

    /// Resent bytes (a resumed chunk) are skipped; a gap is read from the file.
    @Test func overlapsAndGaps() throws {
        let path = try Self.file(300_000)
        defer { unlink(path) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let digest = StreamingDigest(path: path)
        try bytes.withUnsafeBytes { raw in
            try digest.feed(UnsafeRawBufferPointer(rebasing: raw[0..<100_000]), at: 0)
            try digest.feed(UnsafeRawBufferPointer(rebasing: raw[50_000..<150_000]), at: 50_000)
            try digest.feed(UnsafeRawBufferPointer(rebasing: raw[200_000..<300_000]), at: 200_000)
        }
        #expect(digest.position == 300_000)
        #expect(digest.finalize() == SHA256.digest(bytes))
    }

    /// libcrypto, the portable Swift code and sha256sum agree on a file of odd length.
    @Test func agreesWithSha256sum() throws {
        let path = try Self.file(1_234_567)
        defer { unlink(path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        let expected = "sha256:" + String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        #expect(try StreamingDigest.ofFile(path) == expected)
        var portable = SHA256()
        try Data(contentsOf: URL(fileURLWithPath: path)).withUnsafeBytes { portable.update($0) }
        #expect("sha256:" + SHA256.hex(portable.finalize()) == expected)
    }

    @Test func shortFileIsAnError() throws {
        let path = try Self.file(10)
        defer { unlink(path) }
        #expect(throws: StreamingDigestError.self) { try StreamingDigest(path: path).catchUp(to: 20) }
    }
}
