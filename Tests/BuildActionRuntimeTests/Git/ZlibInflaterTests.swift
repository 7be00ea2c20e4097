import Foundation
import Testing

@testable import BuildActionRuntime

/// The inflater against python3's zlib: random and real data, every level and strategy.
@Suite("zlib inflate")
struct ZlibInflaterTests {
    /// Python's zlib compresses the file at argv[1] with each (level, strategy, wbits) and
    /// writes one file per setting beside it.
    static let compressor = """
        import sys, zlib
        data = open(sys.argv[1], "rb").read()
        settings = [(0, zlib.Z_DEFAULT_STRATEGY), (1, zlib.Z_DEFAULT_STRATEGY), (6, zlib.Z_DEFAULT_STRATEGY),
                    (9, zlib.Z_DEFAULT_STRATEGY), (6, zlib.Z_FIXED), (6, zlib.Z_HUFFMAN_ONLY), (6, zlib.Z_RLE),
                    (6, zlib.Z_FILTERED)]
        for number, (level, strategy) in enumerate(settings):
            for kind, wbits in (("zlib", 15), ("raw", -15)):
                c = zlib.compressobj(level, zlib.DEFLATED, wbits, 9, strategy)
                open("%s.%d.%s" % (sys.argv[1], number, kind), "wb").write(c.compress(data) + c.flush())
        """

    static func inputs() throws -> [(String, [UInt8])] {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let letters = (0..<200_000).map { _ in Array("abcdeefgh \n".utf8).randomElement(using: &generator)! }
        let source = Array(try String(contentsOfFile: #filePath, encoding: .utf8).utf8)
        let repeated = Array(repeating: source, count: 20).flatMap { $0 }
        return [("empty", []), ("one byte", [7]), ("random", random), ("letters", letters), ("source", source), ("repeated source", repeated)]
    }

    @Test func inflatesWhatZlibCompresses() throws {
        let directory = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "inflate-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(Self.compressor.utf8).write(to: URL(fileURLWithPath: directory + "/compress.py"))
        for (name, bytes) in try Self.inputs() {
            let path = directory + "/" + name.replacingOccurrences(of: " ", with: "-")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let python = Process()
            python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            python.arguments = ["python3", directory + "/compress.py", path]
            try python.run()
            python.waitUntilExit()
            #expect(python.terminationStatus == 0)
            for number in 0..<8 {
                let zlib = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(path).\(number).zlib")))
                let raw = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(path).\(number).raw")))
                let inflated = try ZlibInflater.inflateZlib(zlib + [1, 2, 3])
                #expect(inflated.bytes == bytes, "\(name), setting \(number)")
                #expect(inflated.end == zlib.count, "\(name), setting \(number): the stream's end")
                #expect(try ZlibInflater.inflateRaw(raw).bytes == bytes, "\(name), setting \(number), raw")
            }
        }
    }

    @Test func refusesBrokenStreams() throws {
        // zlib.compress(b"hello hello hello")
        let good: [UInt8] = [0x78, 0x9c, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57, 0xc8, 0x40, 0x90, 0x00, 0x3a, 0x2e, 0x06, 0x7d]
        #expect(try ZlibInflater.inflateZlib(good).bytes == Array("hello hello hello".utf8))
        #expect(throws: ZlibInflater.Failure.truncated) { try ZlibInflater.inflateZlib(Array(good.dropLast(5))) }
        #expect(throws: ZlibInflater.Failure.checksumMismatch) { try ZlibInflater.inflateZlib(Array(good.dropLast()) + [0]) }
        #expect(throws: ZlibInflater.Failure.badHeader) { try ZlibInflater.inflateZlib([0x78, 0x9d] + good.dropFirst(2)) }
        #expect(throws: ZlibInflater.Failure.badBlockType) { try ZlibInflater.inflateRaw([0x07]) }
        #expect(throws: ZlibInflater.Failure.badStoredLength) { try ZlibInflater.inflateRaw([0x01, 0x01, 0x00, 0x00, 0x00, 0x41]) }
        #expect(throws: ZlibInflater.Failure.truncated) { try ZlibInflater.inflateZlib([]) }
    }

    @Test func adler32() {
        #expect(ZlibInflater.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(ZlibInflater.adler32([]) == 1)
    }
}
