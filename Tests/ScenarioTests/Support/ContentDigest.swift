import BuildActionCore
import BuildActionRuntime
import Foundation
import OCIRegistry

/// `sha256:<hex>` of bytes in memory through the runtime's `StreamingDigest` (libcrypto when
/// the machine has it): the core's portable SHA-256 is slow in debug builds, and the fakes hash
/// every layer they write or receive.
enum ContentDigest {
    static func of(_ data: Data) -> String {
        let digest = StreamingDigest(path: "/dev/null")
        data.withUnsafeBytes { buffer in try? digest.feed(buffer, at: 0) }
        return digest.finalize()
    }
}
