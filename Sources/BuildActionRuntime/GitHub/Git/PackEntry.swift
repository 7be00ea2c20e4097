/// The header of one object in a packfile: its type, its inflated size, and for deltas the base.
/// https://git-scm.com/docs/gitformat-pack#_pack_pack_files_have_the_following_format
struct PackEntry: Equatable, Sendable {
    /// A whole object, or a delta against another object.
    enum Representation: Equatable, Sendable {
        case whole(GitObject.Kind)
        /// OFS_DELTA: the base starts this many bytes before this entry.
        case offsetDelta(distance: Int)
        /// REF_DELTA: the base's id, hex.
        case referenceDelta(base: String)
    }

    let representation: Representation
    let size: Int
    /// Where the zlib data starts, from the entry's first byte.
    let dataStart: Int

    /// The header at the start of `bytes`; nil when it is malformed.
    init?(_ bytes: [UInt8]) {
        guard var byte = bytes.first else { return nil }
        let type = Int(byte >> 4) & 7
        var size = Int(byte & 0x0f), shift = 4, index = 1
        while byte & 0x80 != 0 {
            guard index < bytes.count, shift < 60 else { return nil }
            byte = bytes[index]
            size |= Int(byte & 0x7f) << shift
            shift += 7
            index += 1
        }
        self.size = size
        switch type {
        case 1...4:
            representation = .whole(GitObject.Kind(rawValue: type)!)
        case 6:
            guard let (distance, end) = Self.offsetDistance(bytes, from: index) else { return nil }
            representation = .offsetDelta(distance: distance)
            index = end
        case 7:
            guard index + 20 <= bytes.count else { return nil }
            representation = .referenceDelta(base: GitObjectID.hex(bytes[index..<index + 20]))
            index += 20
        default:
            return nil
        }
        dataStart = index
    }

    /// OFS_DELTA's distance: big-endian 7-bit groups, each continuation adding one.
    private static func offsetDistance(_ bytes: [UInt8], from start: Int) -> (Int, Int)? {
        var index = start
        guard index < bytes.count else { return nil }
        var byte = bytes[index]
        var distance = Int(byte & 0x7f)
        index += 1
        while byte & 0x80 != 0 {
            guard index < bytes.count, distance < Int.max >> 8 else { return nil }
            byte = bytes[index]
            distance = ((distance + 1) << 7) | Int(byte & 0x7f)
            index += 1
        }
        return (distance, index)
    }
}
