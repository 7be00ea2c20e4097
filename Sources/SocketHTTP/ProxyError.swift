import Foundation
/// A proxy variable that cannot be used.
public struct ProxyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `HTTPS_PROXY` ...
    public let variable: String
    /// Its value with any password replaced by `***`.
    public let value: String
    /// Why it cannot be used.
    public let reason: String

    /// The message: the variable, its value, why, and how to fix it.
    public var description: String {
        "\(variable) is '\(value)': \(reason). Set it to an http proxy URL like http://proxy.example.com:3128 (user:password@ before the host if the proxy needs them), or unset it."
    }

    /// `value` with the password of `user:password@` replaced by `***`.
    static func redacted(_ value: String) -> String {
        guard let at = value.lastIndex(of: "@") else { return value }
        let start = value.range(of: "://")?.upperBound ?? value.startIndex
        guard start < at else { return value }
        let userinfo = value[start..<at]
        guard let colon = userinfo.firstIndex(of: ":") else { return value }
        return String(value[..<value.index(after: colon)]) + "***" + String(value[at...])
    }

    /// Percent-decoding of URL user information (`%40` → `@`).
    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
