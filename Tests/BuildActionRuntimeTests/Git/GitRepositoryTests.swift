import BuildActionCore
import DockerMetadata
import Foundation
import JavaScriptCompat
import Testing

@testable import BuildActionRuntime

/// `context: git` read from `.git` against what the git CLI says of the same repositories:
/// loose objects, packs (OFS_DELTA and REF_DELTA), packed refs, shallow clones, worktrees,
/// alternates, and broken repositories.
@Suite("Git repository files", .serialized)
struct GitRepositoryTests {
    static func git(_ arguments: [String], in directory: String) async throws -> String {
        try await GitContextReaderTests.git(arguments, in: directory)
    }

    /// main (three commits: v1 lightweight on the first, v2 annotated on the second), feature
    /// (two more), origin/main and origin/topic (a commit only there), a pull request's ref.
    static func richRepository() async throws -> String {
        let directory = try await GitContextReaderTests.repository([
            ["tag", "v1"], ["commit", "-q", "--allow-empty", "-m", "two"], ["tag", "-a", "-m", "release", "v2"],
            ["commit", "-q", "--allow-empty", "-m", "three"], ["update-ref", "refs/remotes/origin/main", "HEAD"],
            ["symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main"], ["update-ref", "refs/pull/1/merge", "HEAD~1"],
            ["checkout", "-q", "-b", "feature"], ["commit", "-q", "--allow-empty", "-m", "four"], ["commit", "-q", "--allow-empty", "-m", "four b"],
            ["checkout", "-q", "-b", "topic"], ["commit", "-q", "--allow-empty", "-m", "five"], ["update-ref", "refs/remotes/origin/topic", "HEAD"],
            ["checkout", "-q", "main"], ["branch", "-q", "-D", "topic"],
        ])
        return directory
    }

    /// The context and every answer the reader builds on, each compared with the git CLI's.
    static func expectSameAsGit(_ directory: String, ref: String, _ comment: Comment) async throws {
        let context = try GitContextReaderTests.context(directory)
        let sha = try await git(["rev-parse", "HEAD"], in: directory)
        #expect(context.ref == ref, comment)
        #expect(context.sha == sha, comment)
        #expect(context.commitDate == JavaScriptDate.parse(try await git(["show", "-s", "--format=%cI", "HEAD"], in: directory)), comment)
        let repository = try GitRepository(containing: directory, files: DiskGitFiles())
        let refs = repository.refs.all()
        #expect(refs.map(\.name) == (try await git(["for-each-ref", "--format=%(refname)"], in: directory)).split(separator: "\n").map(String.init), comment)
        if try await git(["branch", "--show-current"], in: directory).isEmpty {
            #expect(repository.decoration(of: sha, refs: refs) == (try await git(["show", "-s", "--pretty=%D"], in: directory)), comment)
        }
        #expect(repository.tags(pointingAt: sha, refs: refs).joined(separator: "\n")
            == (try await git(["for-each-ref", "--format=%(refname)", "--points-at", "HEAD", "refs/tags/"], in: directory)), comment)
        for scope in ["refs/heads/", "refs/remotes/"] {
            let first = try await git(["for-each-ref", "--format=%(refname)", "--contains", "HEAD", "--sort=-committerdate", scope], in: directory)
            #expect(try repository.newestRef(containing: sha, under: scope, refs: refs) ?? "" == first.split(separator: "\n").first.map(String.init) ?? "", comment)
        }
        let tag = try await git(["tag", "--contains", "HEAD"], in: directory).split(separator: "\n").first.map { "refs/tags/\($0)" }
        #expect(try repository.firstTag(containing: sha, refs: refs) == tag, comment)
    }

    static let layouts: [(String, [[String]])] = [
        ("loose", []),
        ("gc", [["gc", "-q"]]),
        ("REF_DELTA, packed refs", [["-c", "repack.useDeltaBaseOffset=false", "repack", "-adf", "-q"], ["pack-refs", "--all"], ["prune"]]),
    ]

    static let checkouts: [(String, [String], String)] = [
        ("a branch", ["checkout", "-q", "feature"], "refs/heads/feature"),
        ("a lightweight tag", ["checkout", "-q", "v1"], "refs/tags/v1"),
        ("an annotated tag", ["checkout", "-q", "v2"], "refs/tags/v2"),
        ("a commit no ref names", ["checkout", "-q", "--detach", "feature~1"], "refs/heads/feature"),
        ("a remote branch only", ["checkout", "-q", "--detach", "origin/topic"], "refs/heads/topic"),
        ("a pull request's merge ref", ["checkout", "-q", "--detach", "refs/pull/1/merge"], "refs/tags/v2"),
    ]

    @Test(arguments: 0..<3)
    func matchesGit(layout: Int) async throws {
        let directory = try await Self.richRepository()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for step in Self.layouts[layout].1 { _ = try await Self.git(step, in: directory) }
        if layout > 0 {
            #expect(FileManager.default.fileExists(atPath: directory + "/.git/packed-refs"))
            #expect(try await Self.git(["count-objects"], in: directory).hasPrefix("0 objects"))
        }
        for (name, step, ref) in Self.checkouts {
            _ = try await Self.git(step, in: directory)
            try await Self.expectSameAsGit(directory, ref: ref, "\(Self.layouts[layout].0), \(name)")
        }
        try FileManager.default.createDirectory(atPath: directory + "/sub/dir", withIntermediateDirectories: true)
        try await Self.expectSameAsGit(directory + "/sub/dir", ref: "refs/tags/v2", "a subdirectory")
    }

    @Test func deltifiedPack() async throws {
        let directory = try await GitContextReaderTests.repository([])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var text = ""
        for number in 0..<60 {
            text += "line \(number): \(String(repeating: "abc", count: number % 7))\n"
            try text.write(toFile: directory + "/file.txt", atomically: true, encoding: .utf8)
            _ = try await Self.git(["add", "file.txt"], in: directory)
            _ = try await Self.git(["commit", "-q", "-m", "commit \(number)\n\nA longer message, the same in every commit."], in: directory)
            if number == 20 { _ = try await Self.git(["tag", "-a", "-m", "twenty", "v0.20.0"], in: directory) }
        }
        _ = try await Self.git(["repack", "-adf", "-q", "--depth=50", "--window=250"], in: directory)
        _ = try await Self.git(["prune"], in: directory)
        let pack = try await Self.git(["rev-parse", "--git-path", "objects/pack"], in: directory)
        let index = try #require(try FileManager.default.contentsOfDirectory(atPath: directory + "/" + pack).first { $0.hasSuffix(".idx") })
        let verify = try await Self.git(["verify-pack", "-v", pack + "/" + index], in: directory)
        #expect(verify.contains("chain length = 2"), "the pack has deltas")
        let store = try GitRepository(containing: directory, files: DiskGitFiles()).objects
        let listing = try await Self.git(["cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype) %(objectsize)"], in: directory)
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            let object = try store.object(fields[0])
            #expect("\(object.kind)" == fields[1] && object.body.count == Int(fields[2]), "\(line)")
            if object.kind != .tree {
                #expect(String(decoding: object.body, as: UTF8.self) == (try await Self.git(["cat-file", fields[1], fields[0]], in: directory)) + "\n"
                    || object.kind == .blob, "\(line)")
            }
        }
        let file = try await Self.git(["cat-file", "blob", "HEAD:file.txt"], in: directory)
        #expect(String(decoding: try store.object(try await Self.git(["rev-parse", "HEAD:file.txt"], in: directory)).body, as: UTF8.self) == file + "\n")
        _ = try await Self.git(["checkout", "-q", "v0.20.0"], in: directory)
        try await Self.expectSameAsGit(directory, ref: "refs/tags/v0.20.0", "a tag in a deltified pack")
        _ = try await Self.git(["checkout", "-q", "--detach", "main~50"], in: directory)
        try await Self.expectSameAsGit(directory, ref: "refs/heads/main", "an old commit in a deltified pack")
    }

    @Test func shallowCloneAndAlternates() async throws {
        let source = try await Self.richRepository()
        let parent = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "gitclones-")
        defer { for path in [source, parent] { try? FileManager.default.removeItem(atPath: path) } }
        _ = try await Self.git(["clone", "-q", "--depth", "1", "file://" + source, parent + "/shallow"], in: parent)
        #expect(FileManager.default.fileExists(atPath: parent + "/shallow/.git/shallow"))
        try await Self.expectSameAsGit(parent + "/shallow", ref: "refs/heads/main", "a shallow clone")
        _ = try await Self.git(["checkout", "-q", "--detach"], in: parent + "/shallow")
        try await Self.expectSameAsGit(parent + "/shallow", ref: "refs/heads/origin/HEAD, main", "a shallow clone, detached (grafted)")
        _ = try await Self.git(["clone", "-q", "--depth", "1", "--branch", "v2", "file://" + source, parent + "/tag"], in: parent)
        try await Self.expectSameAsGit(parent + "/tag", ref: "refs/tags/v2", "a shallow clone of an annotated tag")
        _ = try await Self.git(["clone", "-q", "--shared", source, parent + "/shared"], in: parent)
        #expect(FileManager.default.fileExists(atPath: parent + "/shared/.git/objects/info/alternates"))
        try await Self.expectSameAsGit(parent + "/shared", ref: "refs/heads/main", "a clone borrowing objects (alternates)")
    }

    @Test func worktrees() async throws {
        let directory = try await Self.richRepository()
        defer { try? FileManager.default.removeItem(atPath: directory); try? FileManager.default.removeItem(atPath: directory + "-wt1"); try? FileManager.default.removeItem(atPath: directory + "-wt2") }
        _ = try await Self.git(["gc", "-q"], in: directory)
        _ = try await Self.git(["worktree", "add", "-q", "-b", "work", directory + "-wt1"], in: directory)
        _ = try await Self.git(["worktree", "add", "-q", "--detach", directory + "-wt2", "v1"], in: directory)
        #expect(FileManager.default.fileExists(atPath: directory + "-wt1/.git"))
        try await Self.expectSameAsGit(directory + "-wt1", ref: "refs/heads/work", "a worktree on a branch")
        try await Self.expectSameAsGit(directory + "-wt2", ref: "refs/tags/v1", "a worktree detached at a tag")
        try await Self.expectSameAsGit(directory, ref: "refs/heads/main", "the main worktree")
    }

    @Test func missingAndCorruptObjects() async throws {
        let directory = try await GitContextReaderTests.repository([])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sha = try await Self.git(["rev-parse", "HEAD"], in: directory)
        let path = directory + "/.git/objects/" + sha.prefix(2) + "/" + sha.dropFirst(2)
        try FileManager.default.removeItem(atPath: path)
        try [UInt8](repeating: 0x78, count: 30).withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: path)) }
        #expect(throws: GitContextError.unreadableRepository(reason: "object \(sha) is corrupt (\(GitPath.resolve(directory, relativeTo: "/"))/.git/objects/\(sha.prefix(2))/\(sha.dropFirst(2)))")) {
            try GitContextReaderTests.context(directory)
        }
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: GitContextError.unreadableRepository(reason: "object \(sha) is missing")) { try GitContextReaderTests.context(directory) }
    }

    @Test func corruptPack() async throws {
        let directory = try await GitContextReaderTests.repository([])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try await Self.git(["gc", "-q"], in: directory)
        let folder = directory + "/.git/objects/pack"
        let pack = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".pack") })
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + pack)))
        try FileManager.default.removeItem(atPath: folder + "/" + pack)
        try Data(bytes.prefix(12) + Array(repeating: 0x30, count: bytes.count - 12)).write(to: URL(fileURLWithPath: folder + "/" + pack))
        do {
            _ = try GitContextReaderTests.context(directory)
            Issue.record("read a corrupt pack")
        } catch {
            guard case .unreadableRepository(let reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.hasSuffix("in \(GitPath.resolve(folder, relativeTo: "/"))/\(pack) is corrupt"), "\(reason)")
        }
    }

    @Test func unbornBranch() async throws {
        let directory = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "unborn-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try await Self.git(["init", "-q"], in: directory)
        #expect(throws: GitContextError.badRevision) { try GitContextReaderTests.context(directory) }
    }
}
