import Foundation

/// Builds small TZif files byte by byte (RFC 8536 layout) for parser tests.
struct TZifBuilder {
    var version: UInt8 = 0x32
    var transitions: [(Int64, UInt8)] = []
    var types: [(Int32, Bool, UInt8)] = [(0, false, 0)]
    var abbreviations = "UTC\0"
    var leapCount = 0
    var footer = "UTC0"

    private func header(timeCount: Int) -> [UInt8] {
        var bytes = Array("TZif".utf8) + [version] + [UInt8](repeating: 0, count: 15)
        for count in [0, 0, leapCount, timeCount, types.count, abbreviations.utf8.count] {
            bytes += bigEndian(Int64(count), size: 4)
        }
        return bytes
    }

    private func bigEndian(_ value: Int64, size: Int) -> [UInt8] {
        (0..<size).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }

    private func block(timeSize: Int) -> [UInt8] {
        var bytes = transitions.flatMap { bigEndian($0.0, size: timeSize) }
        bytes += transitions.map(\.1)
        for (offset, isDST, index) in types {
            bytes += bigEndian(Int64(offset), size: 4) + [isDST ? 1 : 0, index]
        }
        bytes += Array(abbreviations.utf8)
        bytes += [UInt8](repeating: 0, count: leapCount * (timeSize + 4))
        return bytes
    }

    /// The file. Version 1 files carry only the 32-bit block; later ones a dummy
    /// 32-bit block (no transitions), the 64-bit block and the footer.
    var data: Data {
        if version == 0 {
            return Data(header(timeCount: transitions.count) + block(timeSize: 4))
        }
        let v1 = TZifBuilder(version: version, transitions: [], types: types, abbreviations: abbreviations,
                             leapCount: 0, footer: footer)
        let first = v1.header(timeCount: 0) + v1.block(timeSize: 4)
        return Data(first + header(timeCount: transitions.count) + block(timeSize: 8) + Array("\n\(footer)\n".utf8))
    }
}
