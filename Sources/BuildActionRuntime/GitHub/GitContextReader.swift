import BuildActionCore
import DockerMetadata
import Foundation
import JavaScriptCompat

/// `context: git`: the ref and commit of the checkout in the working directory, read from its
/// `.git` the way docker/actions-toolkit's `Git.context` reads them with the git CLI (detached
/// HEADs included), so that the action image needs no git.
public struct GitContextReader: Sendable {
    let directory: String
    let files: any GitFileSource

    /// A reader of the repository holding `directory` (or a parent of it), on disk.
    public init(directory: String) {
        self.init(directory: directory, files: DiskGitFiles())
    }

    init(directory: String, files: any GitFileSource) {
        self.directory = directory.hasPrefix("/") ? directory : FileManager.default.currentDirectoryPath + "/" + directory
        self.files = files
    }

    /// The workflow context with `ref`, `sha` and the commit date taken from the repository.
    public func context(base: GitHubContext) throws(GitContextError) -> GitHubContext {
        let repository = try GitRepository(containing: directory, files: files)
        var context = base
        let head = try repository.head()
        if case .symbolic(let name) = head, name.hasPrefix("refs/heads/") {
            guard let id = repository.refs.resolve(name) else { throw .badRevision }
            let (commitID, commit) = try repository.commit(id)
            context.ref = name
            context.sha = commitID
            context.commitDate = commit.date
            return context
        }
        let id: String
        switch head {
        case .detached(let detached): id = detached
        case .symbolic(let name):
            guard let resolved = repository.refs.resolve(name) else { throw .badRevision }
            id = resolved
        }
        let (commitID, commit) = try repository.commit(id)
        context.ref = try DetachedHead(repository: repository, commit: commitID).ref()
        context.sha = commitID
        context.commitDate = commit.date
        return context
    }
}

/// The ref of a detached HEAD, from its decoration as actions-toolkit reads it.
private struct DetachedHead {
    let repository: GitRepository
    let commit: String
    let refs: [(name: String, id: String)]

    init(repository: GitRepository, commit: String) {
        self.repository = repository
        self.commit = commit
        refs = repository.refs.all()
    }

    /// The ref that actions-toolkit reads from the decoration, or what it infers without one.
    func ref() throws(GitContextError) -> String {
        let decoration = repository.decoration(of: commit, refs: refs)
        var normalized = decoration
        if normalized.hasPrefix("grafted, ") { normalized.removeFirst("grafted, ".count) }
        normalized = JavaScriptNumber.trimJavaScriptWhitespace(normalized)
        if normalized == "HEAD" { return try inferRefFromHead() }
        guard normalized.hasPrefix("HEAD, "), normalized.count > 6 else {
            throw .detachedHeadNotFound(decoration: decoration)
        }
        let ref = JavaScriptNumber.trimJavaScriptWhitespace(String(normalized.dropFirst(6)))
        if ref.hasPrefix("tag: ") { return try tagRef(ref, original: decoration) }
        let parts = ref.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0] == "pull", parts[1].allSatisfy(\.isNumber), !parts[1].isEmpty, ["head", "merge"].contains(parts[2]) {
            return "refs/\(ref)"
        }
        var search = ref.endIndex
        while let comma = ref.range(of: ", ", options: .backwards, range: ref.startIndex..<search) {
            if Self.isRemoteBranch(String(ref[..<comma.lowerBound])), comma.upperBound != ref.endIndex {
                return "refs/heads/" + JavaScriptNumber.trimJavaScriptWhitespace(String(ref[comma.upperBound...]))
            }
            search = comma.lowerBound
        }
        if let slash = ref.firstIndex(of: "/"), slash != ref.startIndex, ref.index(after: slash) != ref.endIndex {
            return "refs/heads/" + JavaScriptNumber.trimJavaScriptWhitespace(String(ref[ref.index(after: slash)...]))
        }
        throw .unsupportedDetachedHead(decoration: decoration)
    }

    /// `^[^/]+\/[^/]+$`.
    private static func isRemoteBranch(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
    }

    private func tagRef(_ decoration: String, original: String) throws(GitContextError) -> String {
        let refs = repository.tags(pointingAt: commit, refs: refs).sorted { $0.count > $1.count }
        for ref in refs {
            let expected = "tag: " + ref.dropFirst("refs/tags/".count)
            if decoration == expected || decoration.hasPrefix(expected + ", ") { return ref }
        }
        if refs.count == 1 { return refs[0] }
        throw .detachedTagNotFound(decoration: original)
    }

    private func inferRefFromHead() throws(GitContextError) -> String {
        if let local = try repository.newestRef(containing: commit, under: "refs/heads/", refs: refs) { return local }
        if let remote = try repository.newestRef(containing: commit, under: "refs/remotes/", refs: refs) {
            let parts = remote.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
            if parts.count == 4, !parts[2].isEmpty, !parts[3].isEmpty { return "refs/heads/\(parts[3])" }
            return remote
        }
        if let tag = try repository.firstTag(containing: commit, refs: refs) { return tag }
        throw .cannotInferRef
    }
}
