/// A pack's index (version 2): where each object of the pack starts.
/// https://git-scm.com/docs/gitformat-pack#_version_2_pack_idx_files_support_packs_larger_than_4_gib_and
struct PackIndex: Sendable {
    private let bytes: [UInt8]
    /// How many objects the pack holds.
    let count: Int
    /// Every object's offset, ascending: an object ends where the next one starts.
    let sortedOffsets: [Int]

    private static let headerSize = 8, fanoutSize = 256 * 4

    /// The index file's bytes; nil when it is not a version 2 index or is truncated.
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= Self.headerSize + Self.fanoutSize, bytes[0..<8] == [0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2] else { return nil }
        self.bytes = bytes
        count = Self.uint32(bytes, Self.headerSize + 255 * 4)
        guard bytes.count >= Self.headerSize + Self.fanoutSize + count * 28 + 40 else { return nil }
        var offsets: [Int] = []
        offsets.reserveCapacity(count)
        for position in 0..<count {
            guard let offset = Self.offset(bytes, at: position, count: count) else { return nil }
            offsets.append(offset)
        }
        sortedOffsets = offsets.sorted()
    }

    /// Where object `id` (20 bytes) starts in the pack, or nil when the pack does not hold it.
    func offset(of id: [UInt8]) -> Int? {
        guard id.count == 20 else { return nil }
        let fanout = Self.headerSize
        var low = id[0] == 0 ? 0 : Self.uint32(bytes, fanout + (Int(id[0]) - 1) * 4)
        var high = Self.uint32(bytes, fanout + Int(id[0]) * 4)
        let names = Self.headerSize + Self.fanoutSize
        while low < high {
            let middle = (low + high) / 2
            let start = names + middle * 20
            let order = Self.compare(bytes[start..<start + 20], id)
            if order == 0 { return Self.offset(bytes, at: middle, count: count) }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The offset after `offset` (where that object ends), or nil for the pack's last object.
    func end(of offset: Int) -> Int? {
        var low = 0, high = sortedOffsets.count
        while low < high {
            let middle = (low + high) / 2
            if sortedOffsets[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return low < sortedOffsets.count ? sortedOffsets[low] : nil
    }

    private static func offset(_ bytes: [UInt8], at position: Int, count: Int) -> Int? {
        let table = headerSize + fanoutSize + count * 24
        let small = uint32(bytes, table + position * 4)
        guard small & 0x8000_0000 != 0 else { return small }
        let large = table + count * 4 + (small & 0x7fff_ffff) * 8
        guard large + 8 <= bytes.count else { return nil }
        return uint32(bytes, large) << 32 | uint32(bytes, large + 4)
    }

    private static func uint32(_ bytes: [UInt8], _ index: Int) -> Int {
        Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
    }

    private static func compare(_ left: ArraySlice<UInt8>, _ right: [UInt8]) -> Int {
        for (a, b) in zip(left, right) where a != b { return a < b ? -1 : 1 }
        return 0
    }
}
