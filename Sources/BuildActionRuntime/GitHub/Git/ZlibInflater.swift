/// Decompresses zlib streams (RFC 1950) and raw DEFLATE data (RFC 1951): stored, fixed and
/// dynamic Huffman blocks. Git stores every object this way; Foundation on Linux has no inflate.
///
/// Huffman codes are decoded canonically, one bit at a time, as zlib's reference decoder
/// (contrib/puff) does: simple and exact, fast enough for commits, tags and deltas.
struct ZlibInflater {
    /// A stream that is not valid zlib or DEFLATE data.
    enum Failure: Error, Equatable, Sendable {
        case truncated
        case badHeader
        case presetDictionary
        case badBlockType
        case badStoredLength
        case badCodeLengths
        case badSymbol
        case distanceTooFar
        case checksumMismatch
    }

    private let input: [UInt8]
    private var position: Int
    private var bitBuffer: UInt32 = 0
    private var bitCount = 0
    private var output: [UInt8] = []

    private init(_ input: [UInt8], from start: Int, capacity: Int) {
        self.input = input
        self.position = start
        output.reserveCapacity(capacity)
    }

    /// The zlib stream starting at `start`: its data, and the index just after its Adler-32.
    static func inflateZlib(_ input: [UInt8], from start: Int = 0, expectedSize: Int = 0) throws(Failure) -> (bytes: [UInt8], end: Int) {
        var inflater = ZlibInflater(input, from: start, capacity: expectedSize)
        let method = try inflater.byte(), flags = try inflater.byte()
        guard method & 0x0f == 8, method >> 4 <= 7, (Int(method) << 8 | Int(flags)) % 31 == 0 else { throw .badHeader }
        guard flags & 0x20 == 0 else { throw .presetDictionary }
        try inflater.inflateBlocks()
        var expected: UInt32 = 0
        for _ in 0..<4 { expected = expected << 8 | UInt32(try inflater.byte()) }
        guard expected == adler32(inflater.output) else { throw .checksumMismatch }
        return (inflater.output, inflater.position)
    }

    /// The raw DEFLATE data starting at `start`: its bytes, and the index after its last block.
    static func inflateRaw(_ input: [UInt8], from start: Int = 0) throws(Failure) -> (bytes: [UInt8], end: Int) {
        var inflater = ZlibInflater(input, from: start, capacity: 0)
        try inflater.inflateBlocks()
        return (inflater.output, inflater.position)
    }

    /// Adler-32 of `bytes` (RFC 1950, section 8.2).
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        var index = 0
        while index < bytes.count {
            let end = min(index + 5552, bytes.count)
            while index < end {
                a &+= UInt32(bytes[index])
                b &+= a
                index += 1
            }
            a %= 65521
            b %= 65521
        }
        return b << 16 | a
    }

    // MARK: - Bits

    /// The next whole byte (dropping bits left in the current one).
    private mutating func byte() throws(Failure) -> UInt8 {
        bitBuffer = 0
        bitCount = 0
        guard position < input.count else { throw .truncated }
        defer { position += 1 }
        return input[position]
    }

    /// `count` bits, least significant first.
    private mutating func bits(_ count: Int) throws(Failure) -> Int {
        var value = bitBuffer
        while bitCount < count {
            guard position < input.count else { throw .truncated }
            value |= UInt32(input[position]) << UInt32(bitCount)
            position += 1
            bitCount += 8
        }
        bitBuffer = count == 32 ? 0 : value >> UInt32(count)
        bitCount -= count
        return Int(value & ((1 << UInt32(count)) - 1))
    }

    // MARK: - Blocks

    private mutating func inflateBlocks() throws(Failure) {
        var last = false
        while !last {
            last = try bits(1) == 1
            switch try bits(2) {
            case 0: try storedBlock()
            case 1: try codes(Self.fixedLengths, Self.fixedDistances)
            case 2: try dynamicBlock()
            default: throw .badBlockType
            }
        }
        bitBuffer = 0
        bitCount = 0
    }

    private mutating func storedBlock() throws(Failure) {
        bitBuffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw .truncated }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        guard length == ~complement & 0xffff else { throw .badStoredLength }
        position += 4
        guard position + length <= input.count else { throw .truncated }
        output.append(contentsOf: input[position..<position + length])
        position += length
    }

    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private mutating func dynamicBlock() throws(Failure) {
        let lengthCount = try bits(5) + 257, distanceCount = try bits(5) + 1, codeCount = try bits(4) + 4
        guard lengthCount <= 286, distanceCount <= 30 else { throw .badCodeLengths }
        var codeLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeCount { codeLengths[Self.codeLengthOrder[index]] = try bits(3) }
        let codeLengthCode = try HuffmanCode(lengths: codeLengths)
        guard codeLengthCode.isComplete else { throw .badCodeLengths }
        let lengths = try readLengths(lengthCount + distanceCount, with: codeLengthCode)
        guard lengths[256] != 0 else { throw .badCodeLengths }
        let lengthCode = try HuffmanCode(lengths: Array(lengths[..<lengthCount]))
        let distanceCode = try HuffmanCode(lengths: Array(lengths[lengthCount...]))
        guard lengthCode.isComplete || lengthCode.isSingleCode, distanceCode.isComplete || distanceCode.isSingleCode else {
            throw .badCodeLengths
        }
        try codes(lengthCode, distanceCode)
    }

    private mutating func readLengths(_ count: Int, with code: HuffmanCode) throws(Failure) -> [Int] {
        var lengths: [Int] = []
        lengths.reserveCapacity(count)
        while lengths.count < count {
            let symbol = try decode(code)
            if symbol < 16 {
                lengths.append(symbol)
                continue
            }
            let value: Int, repeats: Int
            switch symbol {
            case 16:
                guard let previous = lengths.last else { throw .badCodeLengths }
                (value, repeats) = (previous, 3 + (try bits(2)))
            case 17: (value, repeats) = (0, 3 + (try bits(3)))
            default: (value, repeats) = (0, 11 + (try bits(7)))
            }
            guard lengths.count + repeats <= count else { throw .badCodeLengths }
            lengths.append(contentsOf: repeatElement(value, count: repeats))
        }
        return lengths
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// Literals and length/distance pairs until the end-of-block symbol.
    private mutating func codes(_ lengthCode: HuffmanCode, _ distanceCode: HuffmanCode) throws(Failure) {
        while true {
            let symbol = try decode(lengthCode)
            if symbol < 256 {
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < 29 else { throw .badSymbol }
            let length = Self.lengthBase[lengthIndex] + (try bits(Self.lengthExtra[lengthIndex]))
            let distanceIndex = try decode(distanceCode)
            guard distanceIndex < 30 else { throw .badSymbol }
            let distance = Self.distanceBase[distanceIndex] + (try bits(Self.distanceExtra[distanceIndex]))
            guard distance <= output.count else { throw .distanceTooFar }
            var from = output.count - distance
            for _ in 0..<length {
                output.append(output[from])
                from += 1
            }
        }
    }

    /// One symbol of `code`, read bit by bit (codes are packed most significant bit first).
    private mutating func decode(_ code: HuffmanCode) throws(Failure) -> Int {
        var value = 0, first = 0, index = 0
        for length in 1...15 {
            value |= try bits(1)
            let count = code.counts[length]
            if value - count < first { return code.symbols[index + value - first] }
            index += count
            first = (first + count) << 1
            value <<= 1
        }
        throw .badSymbol
    }

    private static let fixedLengths = try! HuffmanCode(
        lengths: Array(repeating: 8, count: 144) + Array(repeating: 9, count: 112) + Array(repeating: 7, count: 24) + Array(repeating: 8, count: 8))
    private static let fixedDistances = try! HuffmanCode(lengths: Array(repeating: 5, count: 30))
}

/// A canonical Huffman code (RFC 1951, section 3.2.2): how many codes of each length, and the
/// symbols ordered by code.
private struct HuffmanCode {
    var counts = [Int](repeating: 0, count: 16)
    var symbols: [Int] = []
    /// Codes left unused; 0 for a complete code.
    var unused = 0

    init(lengths: [Int]) throws(ZlibInflater.Failure) {
        for length in lengths { counts[length] += 1 }
        var left = 1
        for length in 1...15 {
            left = left << 1 - counts[length]
            guard left >= 0 else { throw .badCodeLengths }
        }
        unused = counts[0] == lengths.count ? 0 : left
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
        symbols = [Int](repeating: 0, count: lengths.count - counts[0])
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }
    }

    var isComplete: Bool { unused == 0 }
    /// One code of one bit (allowed incomplete, RFC 1951 section 3.2.7).
    var isSingleCode: Bool { symbols.count == 1 && counts[1] == 1 }
}
