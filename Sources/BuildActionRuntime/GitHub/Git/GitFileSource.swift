import Foundation

/// Reads a repository's files: the one seam between the readers of `.git` and the disk.
/// Paths are absolute; nothing is ever written.
protocol GitFileSource: Sendable {
    /// The whole file, or nil when it is absent, unreadable or a directory.
    func contents(of path: String) -> [UInt8]?
    /// The bytes of the file in `range` (fewer at its end), or nil when it cannot be read.
    func contents(of path: String, in range: Range<Int>) -> [UInt8]?
    /// The names in a directory, or nil when it is not one.
    func names(in directory: String) -> [String]?
}

/// The files on disk.
struct DiskGitFiles: GitFileSource {
    func contents(of path: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }

    func contents(of path: String, in range: Range<Int>) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        do {
            let size = Int(try handle.seekToEnd())
            let start = min(range.lowerBound, size)
            try handle.seek(toOffset: UInt64(start))
            return [UInt8](try handle.read(upToCount: min(range.upperBound, size) - start) ?? Data())
        } catch {
            return nil
        }
    }

    func names(in directory: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return try? FileManager.default.contentsOfDirectory(atPath: directory)
    }
}
