import BuildActionRuntime
import Foundation
import SocketHTTP

extension HTTPBody {
    /// The bytes a server receives: the data, or the file region read from its file and fed
    /// to the region's digest in order, as the real transport does while it sends.
    func received() throws(HTTPClientError) -> Data {
        switch self {
        case .bytes(let data):
            return data
        case .file(let region):
            guard let handle = FileHandle(forReadingAtPath: region.path) else {
                throw HTTPClientError(.bodyUnreadable, "cannot open \(region.path)")
            }
            defer { try? handle.close() }
            let data: Data
            do {
                try handle.seek(toOffset: UInt64(region.offset))
                data = try handle.read(upToCount: region.length) ?? Data()
            } catch {
                throw HTTPClientError(.bodyUnreadable, "cannot read \(region.path): \(error)")
            }
            guard data.count == region.length else {
                throw HTTPClientError(.bodyUnreadable, "\(region.path) ended after \(region.offset + data.count) bytes; \(region.offset + region.length) were to be sent")
            }
            do {
                try data.withUnsafeBytes { buffer in try region.observer?.observe(buffer, at: region.offset) }
            } catch {
                throw HTTPClientError(.bodyUnreadable, "\(error)")
            }
            return data
        }
    }
}
