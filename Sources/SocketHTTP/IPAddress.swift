import Glibc

/// An IPv4 or IPv6 address as bytes (4 or 16).
struct IPAddress: Sendable, Equatable {
    let bytes: [UInt8]

    /// Parses a literal (IPv6 without brackets); nil for anything else.
    init?(_ text: String) {
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, text, &v6) == 1 {
            let raw = withUnsafeBytes(of: &v6) { Array($0) }
            // IPv4-mapped addresses compare as IPv4 (Go's net.IP does the same).
            bytes = raw[0..<10].allSatisfy { $0 == 0 } && raw[10] == 0xff && raw[11] == 0xff ? Array(raw[12...]) : raw
        } else {
            return nil
        }
    }

    /// 127.0.0.0/8 or ::1.
    var isLoopback: Bool { bytes.count == 4 ? bytes[0] == 127 : bytes == [UInt8](repeating: 0, count: 15) + [1] }

    /// Whether the first `prefix` bits equal `network`'s.
    func isIn(_ network: IPAddress, prefix: Int) -> Bool {
        guard bytes.count == network.bytes.count else { return false }
        for bit in 0..<prefix {
            let mask = UInt8(0x80) >> UInt8(bit % 8)
            if bytes[bit / 8] & mask != network.bytes[bit / 8] & mask { return false }
        }
        return true
    }
}
