import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Private temporary directories (`mkdtemp`, mode 0700).
public enum TemporaryDirectory {
    /// Creates `base/prefixXXXXXX` and returns its path.
    public static func make(in base: String, prefix: String) throws(ActionFileError) -> String {
        var template = Array("\(base)/\(prefix)XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard made != nil else {
            throw .temporaryDirectory(base: base, reason: String(cString: strerror(errno)))
        }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
