import Foundation

/// The refs of one repository: HEAD, loose ref files and `packed-refs`, symbolic refs resolved.
/// In a linked worktree HEAD and the per-worktree refs are in its own git directory, every other
/// ref in the common one.
/// https://git-scm.com/docs/gitrepository-layout
struct GitRefStore {
    /// What a ref file holds.
    enum Value: Equatable {
        case id(String)
        case symbolic(String)
    }

    let files: any GitFileSource
    let gitDirectory: String
    let commonDirectory: String
    let packed: PackedRefs

    init(files: any GitFileSource, gitDirectory: String, commonDirectory: String) {
        self.files = files
        self.gitDirectory = gitDirectory
        self.commonDirectory = commonDirectory
        packed = files.contents(of: commonDirectory + "/packed-refs").map { PackedRefs(String(decoding: $0, as: UTF8.self)) } ?? PackedRefs()
    }

    /// The value of ref `name` (`HEAD`, `refs/...`): its loose file, else its packed line.
    func value(_ name: String) -> Value? {
        if let bytes = files.contents(of: directory(of: name) + "/" + name) {
            return Self.parse(String(decoding: bytes, as: UTF8.self))
        }
        return packed.ids[name].map(Value.id)
    }

    /// The object id `name` points to, following symbolic refs (at most five, as git).
    func resolve(_ name: String) -> String? {
        var current = name
        for _ in 0..<6 {
            switch value(current) {
            case .id(let id): return id
            case .symbolic(let target): current = target
            case nil: return nil
            }
        }
        return nil
    }

    /// Every ref under `refs/` that resolves, with its object id, sorted by name (byte order).
    func all() -> [(name: String, id: String)] {
        var names = Set(packed.ids.keys)
        collectLoose(commonDirectory + "/refs", prefix: "refs", into: &names)
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }.compactMap { name in
            resolve(name).map { (name, $0) }
        }
    }

    /// The recorded peeled object of a packed annotated tag.
    func peeled(_ name: String) -> String? {
        packed.peeled[name]
    }

    private func collectLoose(_ directory: String, prefix: String, into names: inout Set<String>) {
        for entry in files.names(in: directory) ?? [] where !entry.hasSuffix(".lock") {
            if files.names(in: directory + "/" + entry) != nil {
                collectLoose(directory + "/" + entry, prefix: prefix + "/" + entry, into: &names)
            } else {
                names.insert(prefix + "/" + entry)
            }
        }
    }

    private func directory(of name: String) -> String {
        let perWorktree = name == "HEAD" || ["refs/bisect/", "refs/worktree/", "refs/rewritten/"].contains { name.hasPrefix($0) }
        return perWorktree ? gitDirectory : commonDirectory
    }

    /// `ref: refs/heads/main` or an id, ending with a newline.
    static func parse(_ text: String) -> Value? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("ref:") {
            return .symbolic(trimmed.dropFirst(4).trimmingCharacters(in: .whitespaces))
        }
        return GitObjectID.isValid(trimmed) ? .id(trimmed) : nil
    }
}
