/// HMAC-SHA256 (RFC 2104) over the package's own SHA-256, for the chat webhooks' signatures.
public enum HMACSHA256 {
    /// The 32-byte authentication code of `message` under `key`.
    public static func code(key: [UInt8], message: [UInt8]) -> [UInt8] {
        let blockSize = 64
        var block = key.count > blockSize ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        let inner = SHA256.hash(block.map { $0 ^ 0x36 } + message)
        return SHA256.hash(block.map { $0 ^ 0x5c } + inner)
    }

    /// `code` of UTF-8 strings.
    public static func code(key: String, message: String) -> [UInt8] {
        code(key: Array(key.utf8), message: Array(message.utf8))
    }
}
