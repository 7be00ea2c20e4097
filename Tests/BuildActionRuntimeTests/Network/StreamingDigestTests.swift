import BuildActionCore
import Foundation
import Glibc
import Testing

@testable import BuildActionRuntime

@Suite("SHA-256 of files as they are sent")
struct StreamingDigestTests {
    @Test func libcryptoIsLoadedHere() {
        // The runner image and this machine ship libssl3; the portable fallback is tested below.
        #expect(LibCryptoSHA256.shared != nil)
    }

    /// Resent bytes (a resumed chunk) are skipped; a gap is read from the file.
    @Test func overlapsAndGaps() throws {
        let path = try TransportTests.file(300_000)
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
        let path = try TransportTests.file(1_234_567)
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
        let path = try TransportTests.file(10)
        defer { unlink(path) }
        #expect(throws: StreamingDigestError.self) { try StreamingDigest(path: path).catchUp(to: 20) }
    }
}
