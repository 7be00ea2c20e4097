import Testing

@testable import BuildActionRuntime

/// Delta application, pack entry headers and pack index lookup on hand-made bytes.
@Suite("git packs")
struct GitDeltaTests {
    @Test func appliesCopiesAndInserts() throws {
        let base = Array("hello, world".utf8)
        // sizes 12 and 13; copy offset 7 size 5 ("world"); insert ", hi"; copy offset 0 size 4 ("hell").
        let delta: [UInt8] = [12, 13, 0x91, 7, 5, 4] + Array(", hi".utf8) + [0x90, 4]
        #expect(try GitDelta.apply(delta, to: base) == Array("world, hihell".utf8))
    }

    @Test func refusesDeltasThatDoNotFit() {
        let base = Array("abc".utf8)
        #expect(throws: GitDelta.Failure.self) { try GitDelta.apply([4, 1, 0x90, 1], to: base) }  // wrong base size
        #expect(throws: GitDelta.Failure.self) { try GitDelta.apply([3, 9, 0x91, 1, 8], to: base) }  // copy beyond the base
        #expect(throws: GitDelta.Failure.self) { try GitDelta.apply([3, 1, 0], to: base) }  // reserved instruction
        #expect(throws: GitDelta.Failure.self) { try GitDelta.apply([3, 5, 0x90, 3], to: base) }  // wrong result size
    }

    @Test func readsEntryHeaders() throws {
        // a commit of 300 bytes: type 1, size 300 = 0b1_0010_1100 -> 0x9c, 0x12
        #expect(PackEntry([0x9c, 0x12, 0x78])?.representation == .whole(.commit))
        #expect(PackEntry([0x9c, 0x12, 0x78])?.size == 300)
        #expect(PackEntry([0x9c, 0x12, 0x78])?.dataStart == 2)
        // OFS_DELTA, size 5, distance (0x81, 0x00) = (1 + 1) << 7 = 256
        let offset = PackEntry([0x65, 0x81, 0x00, 0x78])
        #expect(offset?.representation == .offsetDelta(distance: 256))
        #expect(offset?.dataStart == 3)
        let reference = PackEntry([0x75] + Array(repeating: 0xab, count: 20))
        #expect(reference?.representation == .referenceDelta(base: String(repeating: "ab", count: 20)))
        #expect(PackEntry([0x55]) == nil)  // type 5 is reserved
    }

    @Test func looksUpOffsetsInAnIndex() throws {
        let ids = [[UInt8](repeating: 0x01, count: 20), [UInt8](repeating: 0x80, count: 20), [UInt8](repeating: 0xfe, count: 20)]
        var bytes: [UInt8] = [0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2]
        for first in 0..<256 { bytes += Self.uint32(ids.filter { Int($0[0]) <= first }.count) }
        bytes += ids.flatMap { $0 } + Array(repeating: 0, count: 12)  // names, then CRCs
        bytes += Self.uint32(12) + Self.uint32(0x8000_0000) + Self.uint32(500)  // the second is large
        bytes += Self.uint32(1) + Self.uint32(7) + Array(repeating: 0, count: 40)  // 0x1_0000_0007, checksums
        let index = try #require(PackIndex(bytes))
        #expect(index.offset(of: ids[0]) == 12)
        #expect(index.offset(of: ids[1]) == 0x1_0000_0007)
        #expect(index.offset(of: ids[2]) == 500)
        #expect(index.offset(of: [UInt8](repeating: 0x02, count: 20)) == nil)
        #expect(index.end(of: 12) == 500)
        #expect(index.end(of: 0x1_0000_0007) == nil)
    }

    static func uint32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xff), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }
}
