/// A packfile delta: copy and insert instructions that rebuild an object from its base.
/// https://git-scm.com/docs/gitformat-pack#_deltified_representation
enum GitDelta {
    /// A delta that does not fit its base or is malformed.
    struct Failure: Error, Equatable, Sendable {
        let reason: String
    }

    /// The object that `delta` makes of `base`.
    static func apply(_ delta: [UInt8], to base: [UInt8]) throws(Failure) -> [UInt8] {
        var index = 0
        let sourceSize = try size(delta, &index), targetSize = try size(delta, &index)
        guard sourceSize == base.count else { throw Failure(reason: "the delta's base has \(base.count) bytes, not \(sourceSize)") }
        var result: [UInt8] = []
        result.reserveCapacity(targetSize)
        while index < delta.count {
            let op = delta[index]
            index += 1
            if op & 0x80 != 0 {
                let (offset, count) = try copyArguments(op, delta, &index)
                guard offset + count <= base.count else { throw Failure(reason: "a copy beyond the delta's base") }
                result.append(contentsOf: base[offset..<offset + count])
            } else if op != 0 {
                guard index + Int(op) <= delta.count else { throw Failure(reason: "a truncated insert") }
                result.append(contentsOf: delta[index..<index + Int(op)])
                index += Int(op)
            } else {
                throw Failure(reason: "a reserved instruction (0)")
            }
        }
        guard result.count == targetSize else { throw Failure(reason: "the delta made \(result.count) bytes, not \(targetSize)") }
        return result
    }

    /// A size: 7 bits a byte, least significant first.
    private static func size(_ delta: [UInt8], _ index: inout Int) throws(Failure) -> Int {
        var value = 0, shift = 0
        while true {
            guard index < delta.count, shift < 63 else { throw Failure(reason: "a truncated size") }
            let byte = delta[index]
            index += 1
            value |= Int(byte & 0x7f) << shift
            shift += 7
            if byte & 0x80 == 0 { return value }
        }
    }

    /// A copy's offset (flag bits 0-3) and size (bits 4-6; 0 means 0x10000).
    private static func copyArguments(_ op: UInt8, _ delta: [UInt8], _ index: inout Int) throws(Failure) -> (Int, Int) {
        var offset = 0, count = 0
        for bit in 0..<7 where op & (1 << bit) != 0 {
            guard index < delta.count else { throw Failure(reason: "a truncated copy") }
            if bit < 4 { offset |= Int(delta[index]) << (8 * bit) } else { count |= Int(delta[index]) << (8 * (bit - 4)) }
            index += 1
        }
        return (offset, count == 0 ? 0x10000 : count)
    }
}
