import BuildActionCore
import Foundation
import Testing

@testable import OCIRegistry

/// Reading back a build output that is incomplete or damaged: each failure names the file.
@Suite("OCI layout errors")
struct OCILayoutErrorTests {
    static let digest = Digest("sha256:" + String(repeating: "cd", count: 32))!

    @Test(arguments: [
        (OCILayoutError.unreadable(path: "/l/index.json", reason: "No such file or directory"), "cannot read /l/index.json: No such file or directory"),
        (.digestMismatch(path: "/l/blobs/sha256/cd", digest: digest), "/l/blobs/sha256/cd does not match \(digest)"),
        (.sizeUnknown(path: "/l/blobs/sha256/cd"), "cannot read the size of /l/blobs/sha256/cd"),
        (.noImage(directory: "/l"), "/l/index.json names no image"),
        (.manifest(.digestMismatch(digest: digest)), "manifest \(digest) does not match its digest"),
    ])
    func messages(_ error: OCILayoutError, _ message: String) {
        #expect(error.description == message)
    }

    /// A temporary layout directory with `blobs/sha256/`.
    static func layout() throws -> OCILayout {
        let directory = NSTemporaryDirectory() + "okf-layout-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/blobs/sha256", withIntermediateDirectories: true)
        return OCILayout(directory: directory)
    }

    @Test func aMissingIndexIsUnreadable() throws {
        let layout = try Self.layout()
        defer { try? FileManager.default.removeItem(atPath: layout.directory) }
        #expect(throws: OCILayoutError.unreadable(path: layout.directory + "/index.json", reason: "No such file or directory")) { try layout.image() }
        #expect(throws: OCILayoutError.unreadable(path: layout.path(of: Self.digest), reason: "No such file or directory")) { try layout.blob(Self.digest) }
    }

    @Test func anIndexWithoutImages() throws {
        let layout = try Self.layout()
        defer { try? FileManager.default.removeItem(atPath: layout.directory) }
        try Data(#"{"schemaVersion":2,"manifests":[]}"#.utf8).write(to: URL(fileURLWithPath: layout.directory + "/index.json"))
        #expect(throws: OCILayoutError.noImage(directory: layout.directory)) { try layout.image() }
    }

    @Test func aDocumentThatIsNotItsDigest() throws {
        let layout = try Self.layout()
        defer { try? FileManager.default.removeItem(atPath: layout.directory) }
        try Data("other bytes".utf8).write(to: URL(fileURLWithPath: layout.path(of: Self.digest)))
        try Data(#"{"schemaVersion":2,"manifests":[{"digest":"\#(Self.digest)"}]}"#.utf8).write(to: URL(fileURLWithPath: layout.directory + "/index.json"))
        #expect(throws: OCILayoutError.digestMismatch(path: layout.path(of: Self.digest), digest: Self.digest)) { try layout.image() }
    }

    @Test func anIndexThatIsNotJSON() throws {
        let layout = try Self.layout()
        defer { try? FileManager.default.removeItem(atPath: layout.directory) }
        try Data("not json".utf8).write(to: URL(fileURLWithPath: layout.directory + "/index.json"))
        #expect {
            try layout.image()
        } throws: { error in
            guard case .manifest(.notJSON)? = error as? OCILayoutError else { return false }
            return true
        }
    }
}
