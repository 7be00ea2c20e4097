/// What the git commands of docker/actions-toolkit's `Git.context` print, read from the refs.
extension GitRepository {
    /// `git show -s --pretty=%D` for commit `id`: `grafted` for a shallow commit, `HEAD`, then
    /// the refs of git's default decoration filter that point at it (through tags: `tag: name`),
    /// short names in reverse byte order, as log-tree.c prepends each one it loads.
    /// https://git-scm.com/docs/git-log#Documentation/git-log.txt---decorate-refsltpatterngt
    func decoration(of id: String, refs all: [(name: String, id: String)]) -> String {
        var names: [String] = []
        for ref in all where Self.isDecorated(ref.name) {
            guard let chain = try? peel(ref: ref.name, id: ref.id) else { continue }
            if chain[0] == id { names.append((ref.name.hasPrefix("refs/tags/") ? "tag: " : "") + Self.shortName(ref.name)) }
            if chain.dropFirst().contains(id) { names.append("tag: " + Self.shortName(ref.name)) }
        }
        let head = shallow.contains(id) ? ["grafted", "HEAD"] : ["HEAD"]
        return (head + names.reversed()).joined(separator: ", ")
    }

    /// `git for-each-ref --format=%(refname) --points-at <id> refs/tags/`: tags naming `id`
    /// directly or through one tag object (or packed-refs' peeled line), by name.
    func tags(pointingAt id: String, refs all: [(name: String, id: String)]) -> [String] {
        all.filter { ref in
            guard ref.name.hasPrefix("refs/tags/") else { return false }
            if ref.id == id || refs.packed.peeled[ref.name] == id { return true }
            return (try? peel(ref: ref.name, id: ref.id).dropFirst().first) == id
        }.map(\.name)
    }

    /// `git for-each-ref --format=%(refname) --contains <id> --sort=-committerdate <scope>`'s
    /// first line: the newest ref under `scope` whose commit has `id` in its history.
    func newestRef(containing id: String, under scope: String, refs all: [(name: String, id: String)]) throws(GitContextError) -> String? {
        var candidates: [(name: String, commit: String, time: Int64)] = []
        for ref in all where ref.name.hasPrefix(scope) {
            guard let (commitID, commit) = try? commit(ref.id) else { continue }
            let time = (try? objects.object(ref.id).kind) == .commit ? commit.committerTime : 0
            candidates.append((ref.name, commitID, time))
        }
        candidates.sort { $0.time != $1.time ? $0.time > $1.time : Array($0.name.utf8).lexicographicallyPrecedes($1.name.utf8) }
        for candidate in candidates where try reaches(id, from: candidate.commit) { return candidate.name }
        return nil
    }

    /// `git tag --contains <id>`'s first line, as a full ref name: tags sort by name.
    func firstTag(containing id: String, refs all: [(name: String, id: String)]) throws(GitContextError) -> String? {
        for ref in all where ref.name.hasPrefix("refs/tags/") {
            guard let (commitID, _) = try? commit(ref.id) else { continue }
            if try reaches(id, from: commitID) { return ref.name }
        }
        return nil
    }

    /// The namespaces git decorates by default (refs.c `ref_namespace`); notes, pull requests'
    /// refs and other refs are left out.
    static func isDecorated(_ name: String) -> Bool {
        name == "refs/stash" || ["refs/heads/", "refs/remotes/", "refs/tags/"].contains { name.hasPrefix($0) }
    }

    /// refs.c `prettify_refname`.
    static func shortName(_ name: String) -> String {
        for prefix in ["refs/heads/", "refs/tags/", "refs/remotes/"] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }
}
