/// Converts raw protocol bytes to strings for values and error messages.
enum Printable {
    /// Decodes as UTF-8, falling back to ISO-8859-1 when the bytes are not valid UTF-8.
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        if isUnchanged(text, bytes) { return text }
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }

    /// Whether decoding kept every byte (i.e. no invalid sequence was replaced).
    private static func isUnchanged(_ text: String, _ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        for byte in text.utf8 {
            guard index < bytes.endIndex, bytes[index] == byte else { return false }
            index += 1
        }
        return index == bytes.endIndex
    }

    /// A quoted, escaped excerpt (first 80 bytes) safe to show in a message.
    static func quote(_ bytes: [UInt8]) -> String {
        var out = "\""
        for byte in bytes.prefix(80) {
            switch byte {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out + (bytes.count > 80 ? "\"…" : "\"")
    }
}

extension String {
    /// The string left-padded with zeros to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
