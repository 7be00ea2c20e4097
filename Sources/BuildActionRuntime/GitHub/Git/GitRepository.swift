/// A repository read from its files, the way the git CLI finds and reads it: the `.git`
/// directory (or `gitdir:` file) of `directory` or of its nearest parent, the common directory
/// of a linked worktree, refs, objects and the shallow boundary.
/// https://git-scm.com/docs/gitrepository-layout
final class GitRepository {
    /// Where HEAD is.
    enum Head: Equatable {
        /// On a branch (or another ref): its full name.
        case symbolic(String)
        /// At a commit.
        case detached(String)
    }

    let refs: GitRefStore
    let objects: GitObjectStore
    /// Commits whose parents a shallow clone does not have (`shallow`; git decorates them `grafted`).
    let shallow: Set<String>
    private var commits: [String: GitCommit] = [:]
    private var reachesNothingWanted: Set<String> = []

    /// The repository holding `directory`; throws `notARepository` when there is none.
    init(containing directory: String, files: any GitFileSource) throws(GitContextError) {
        let gitDirectory = try Self.discover(from: GitPath.resolve(directory, relativeTo: "/"), files: files)
        let common = files.contents(of: gitDirectory + "/commondir").map { bytes in
            GitPath.resolve(String(decoding: bytes, as: UTF8.self).trimmingTrailingNewlines, relativeTo: gitDirectory)
        } ?? gitDirectory
        refs = GitRefStore(files: files, gitDirectory: gitDirectory, commonDirectory: common)
        objects = GitObjectStore(files: files, objectsDirectory: common + "/objects")
        let shallowText = files.contents(of: common + "/shallow").map { String(decoding: $0, as: UTF8.self) } ?? ""
        shallow = Set(shallowText.split(separator: "\n").map(String.init).filter(GitObjectID.isValid))
    }

    /// Git's discovery: `.git` (a directory, or a file saying `gitdir: <path>`) in `start` or
    /// in the nearest parent holding one; a bare repository is its own git directory.
    private static func discover(from start: String, files: any GitFileSource) throws(GitContextError) -> String {
        var directory = start
        while true {
            let dotGit = directory == "/" ? "/.git" : directory + "/.git"
            if let text = files.contents(of: dotGit) {
                let line = String(decoding: text, as: UTF8.self).trimmingTrailingNewlines
                guard line.hasPrefix("gitdir: ") else { throw .unreadableRepository(reason: "\(dotGit) is not a git directory or a gitdir: file") }
                let target = GitPath.resolve(String(line.dropFirst(8)), relativeTo: directory)
                guard isGitDirectory(target, files: files) else { throw .unreadableRepository(reason: "\(dotGit) names \(target), which is not a git directory") }
                return target
            }
            if isGitDirectory(dotGit, files: files) { return dotGit }
            if isGitDirectory(directory, files: files) { return directory }
            if directory == "/" { throw .notARepository }
            directory = GitPath.parent(directory)
        }
    }

    /// A HEAD file and, in the common directory, an objects directory.
    private static func isGitDirectory(_ path: String, files: any GitFileSource) -> Bool {
        guard let head = files.contents(of: path + "/HEAD"), GitRefStore.parse(String(decoding: head, as: UTF8.self)) != nil else { return false }
        let common = files.contents(of: path + "/commondir").map { GitPath.resolve(String(decoding: $0, as: UTF8.self).trimmingTrailingNewlines, relativeTo: path) } ?? path
        return files.names(in: common + "/objects") != nil
    }

    /// HEAD: symbolic or detached.
    func head() throws(GitContextError) -> Head {
        switch refs.value("HEAD") {
        case .symbolic(let target): .symbolic(target)
        case .id(let id): .detached(id)
        case nil: throw .unreadableRepository(reason: "HEAD cannot be read")
        }
    }

    /// The commit `id` (peeling tags) parsed; throws when it is missing or not a commit.
    func commit(_ id: String) throws(GitContextError) -> (id: String, commit: GitCommit) {
        let peeledID = try peel(id).last ?? id
        if let cached = commits[peeledID] { return (peeledID, cached) }
        guard let commit = GitCommit(try objects.object(peeledID)) else { throw .unreadableRepository(reason: "\(peeledID) is not a commit") }
        commits[peeledID] = commit
        return (peeledID, commit)
    }

    /// `id` and the objects its tags name in turn, down to the first object that is not a tag.
    func peel(_ id: String) throws(GitContextError) -> [String] {
        var chain = [id]
        while chain.count < 100, let target = try objects.object(chain[chain.count - 1]).taggedObject {
            chain.append(target)
        }
        return chain
    }

    /// `peel(id)` for ref `name`, from `packed-refs` without reading objects where it can.
    func peel(ref name: String, id: String) throws(GitContextError) -> [String] {
        guard refs.packed.fullyPeeled, refs.packed.ids[name] == id, refs.value(name) == .id(id) else { return try peel(id) }
        return [id] + (refs.packed.peeled[name].map { [$0] } ?? [])
    }

    /// The parents git sees: none for a shallow commit.
    func parents(of id: String) throws(GitContextError) -> [String] {
        shallow.contains(id) ? [] : try commit(id).commit.parents
    }

    /// Whether `target` is `tip` or one of its ancestors (`git for-each-ref --contains`); always
    /// the same `target` for one repository value, which remembers the commits that do not reach it.
    func reaches(_ target: String, from tip: String) throws(GitContextError) -> Bool {
        var queue = [tip], seen: Set<String> = [tip]
        while let id = queue.popLast() {
            if id == target { return true }
            if reachesNothingWanted.contains(id) { continue }
            for parent in try parents(of: id) where seen.insert(parent).inserted { queue.append(parent) }
        }
        reachesNothingWanted.formUnion(seen)
        return false
    }
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var text = self
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return text
    }
}
