/// Byte-level cursor over a TZif file.
struct TZifReader {
    /// The counts of a TZif header.
    struct Header {
        let version: Int
        let isUTCCount: Int, isStandardCount: Int, leapCount: Int
        let timeCount: Int, typeCount: Int, charCount: Int

        /// Size of the data block that follows the header.
        func dataLength(timeSize: Int) -> Int {
            timeCount * (timeSize + 1) + typeCount * 6 + charCount
                + leapCount * (timeSize + 4) + isStandardCount + isUTCCount
        }
    }

    let bytes: [UInt8]
    var index = 0

    private func failure(_ what: String) -> ZoneDataError {
        ZoneDataError("invalid TZif data: \(what) at byte \(index)")
    }

    mutating func skip(_ count: Int) throws(ZoneDataError) {
        guard count >= 0, bytes.count - index >= count else { throw failure("truncated data") }
        index += count
    }

    private mutating func integer(size: Int) throws(ZoneDataError) -> Int64 {
        guard bytes.count - index >= size else { throw failure("truncated data") }
        var value: UInt64 = 0
        for offset in 0..<size {
            value = value << 8 | UInt64(bytes[index + offset])
        }
        index += size
        if size == 8 { return Int64(bitPattern: value) }
        return Int64(Int32(bitPattern: UInt32(truncatingIfNeeded: value)))
    }

    mutating func header() throws(ZoneDataError) -> Header {
        guard bytes.count - index >= 44, bytes[index..<index + 4].elementsEqual("TZif".utf8) else {
            throw failure("missing TZif magic")
        }
        let versionByte = bytes[index + 4]
        let version = versionByte == 0 ? 1 : Int(versionByte) - 48
        guard (1...9).contains(version) else { throw failure("unknown version") }
        index += 20
        var counts: [Int] = []
        for _ in 0..<6 {
            let count = try integer(size: 4)
            guard count >= 0 else { throw failure("negative count") }
            counts.append(Int(count))
        }
        let header = Header(version: version, isUTCCount: counts[0], isStandardCount: counts[1], leapCount: counts[2],
                            timeCount: counts[3], typeCount: counts[4], charCount: counts[5])
        guard header.typeCount >= 1, header.charCount >= 1 else { throw failure("no local time types") }
        return header
    }

    /// Reads a data block into rules (without a footer).
    mutating func block(_ header: Header, timeSize: Int) throws(ZoneDataError) -> ZoneRules {
        guard bytes.count - index >= header.dataLength(timeSize: timeSize) else { throw failure("truncated data") }
        var instants: [Int64] = []
        for _ in 0..<header.timeCount {
            let instant = try integer(size: timeSize)
            guard instants.last.map({ $0 < instant }) ?? true else { throw failure("unsorted transitions") }
            instants.append(instant)
        }
        let typeIndices = bytes[index..<index + header.timeCount].map(Int.init)
        index += header.timeCount
        var rawTypes: [(offset: Int64, isDST: Bool, abbreviationIndex: Int)] = []
        for _ in 0..<header.typeCount {
            let offset = try integer(size: 4)
            let isDST = bytes[index] != 0
            let abbreviationIndex = Int(bytes[index + 1])
            index += 2
            rawTypes.append((offset, isDST, abbreviationIndex))
        }
        let characters = Array(bytes[index..<index + header.charCount])
        index += header.charCount
        try skip(header.leapCount * (timeSize + 4) + header.isStandardCount + header.isUTCCount)
        let types = try rawTypes.map { raw throws(ZoneDataError) -> ZoneRules.LocalTime in
            guard raw.offset != Int64(Int32.min), raw.abbreviationIndex < characters.count else {
                throw failure("bad local time type")
            }
            let tail = characters[raw.abbreviationIndex...]
            let abbreviation = String(decoding: tail.prefix { $0 != 0 }, as: UTF8.self)
            return ZoneRules.LocalTime(utcOffsetSeconds: Int(raw.offset), abbreviation: abbreviation, isDaylightSaving: raw.isDST)
        }
        guard typeIndices.allSatisfy({ $0 < types.count }) else { throw failure("bad transition type") }
        let transitions = zip(instants, typeIndices).map { ZoneRules.Transition(instant: $0, localTime: types[$1]) }
        return ZoneRules(initial: types[0], transitions: transitions)
    }

    /// The footer `\n<TZ string>\n` of a version 2+ file.
    mutating func footer() throws(ZoneDataError) -> String {
        guard index < bytes.count, bytes[index] == 10 else { throw failure("missing footer") }
        let start = index + 1
        guard let end = bytes[start...].firstIndex(of: 10) else { throw failure("unterminated footer") }
        index = end + 1
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
