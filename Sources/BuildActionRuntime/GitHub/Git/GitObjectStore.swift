import Foundation

/// The objects of one repository: loose files, packs (index version 2, OFS_DELTA and REF_DELTA)
/// and the object directories its `objects/info/alternates` names.
/// https://git-scm.com/docs/gitrepository-layout#Documentation/gitrepository-layout.txt-objects
final class GitObjectStore {
    private struct Pack {
        let path: String
        let index: PackIndex
    }

    private let files: any GitFileSource
    private let directories: [String]
    private lazy var packs: [Pack] = loadPacks()
    private var objects: [String: GitObject] = [:]
    private var deltaBases: [String: GitObject] = [:]
    private static let maximumDeltaDepth = 10_000, cachedBases = 2048

    /// The store of `objectsDirectory` and of its alternates.
    init(files: any GitFileSource, objectsDirectory: String) {
        self.files = files
        directories = Self.withAlternates(objectsDirectory, files: files, depth: 0)
    }

    /// Object `id` (hex); throws when it is missing or cannot be read.
    func object(_ id: String) throws(GitContextError) -> GitObject {
        if let cached = objects[id] { return cached }
        let object = try find(id, depth: 0)
        objects[id] = object
        return object
    }

    private func find(_ id: String, depth: Int) throws(GitContextError) -> GitObject {
        guard GitObjectID.isValid(id) else { throw unreadable("\(id) is not an object id") }
        if let loose = try looseObject(id) { return loose }
        let raw = GitObjectID.bytes(id)
        for pack in packs {
            if let offset = pack.index.offset(of: raw) { return try packedObject(pack, at: offset, depth: depth) }
        }
        throw unreadable("object \(id) is missing")
    }

    private func looseObject(_ id: String) throws(GitContextError) -> GitObject? {
        let name = "/" + id.prefix(2) + "/" + id.dropFirst(2)
        for directory in directories {
            guard let compressed = files.contents(of: directory + name) else { continue }
            guard let inflated = try? ZlibInflater.inflateZlib(compressed), let object = GitObject(loose: inflated.bytes) else {
                throw unreadable("object \(id) is corrupt (\(directory + name))")
            }
            return object
        }
        return nil
    }

    private func packedObject(_ pack: Pack, at offset: Int, depth: Int) throws(GitContextError) -> GitObject {
        guard depth < Self.maximumDeltaDepth else { throw unreadable("a delta chain deeper than \(depth) in \(pack.path)") }
        let end = pack.index.end(of: offset) ?? Int.max
        guard let bytes = files.contents(of: pack.path, in: offset..<end), let entry = PackEntry(bytes) else {
            throw unreadable("the object at \(offset) in \(pack.path) cannot be read")
        }
        guard let data = try? ZlibInflater.inflateZlib(bytes, from: entry.dataStart, expectedSize: entry.size).bytes, data.count == entry.size else {
            throw unreadable("the object at \(offset) in \(pack.path) is corrupt")
        }
        let base: GitObject
        switch entry.representation {
        case .whole(let kind): return GitObject(kind: kind, body: data)
        case .offsetDelta(let distance):
            guard distance > 0, distance <= offset else { throw unreadable("a delta at \(offset) in \(pack.path) names no base") }
            base = try deltaBase(pack, at: offset - distance, depth: depth + 1)
        case .referenceDelta(let id):
            base = try find(id, depth: depth + 1)
        }
        do {
            return GitObject(kind: base.kind, body: try GitDelta.apply(data, to: base.body))
        } catch {
            throw unreadable("the delta at \(offset) in \(pack.path): \(error.reason)")
        }
    }

    private func deltaBase(_ pack: Pack, at offset: Int, depth: Int) throws(GitContextError) -> GitObject {
        let key = "\(pack.path):\(offset)"
        if let cached = deltaBases[key] { return cached }
        let object = try packedObject(pack, at: offset, depth: depth)
        if deltaBases.count >= Self.cachedBases { deltaBases.removeAll(keepingCapacity: true) }
        deltaBases[key] = object
        return object
    }

    private func loadPacks() -> [Pack] {
        directories.flatMap { directory -> [Pack] in
            let folder = directory + "/pack"
            return (files.names(in: folder) ?? []).filter { $0.hasSuffix(".idx") }.sorted().compactMap { name in
                let stem = folder + "/" + name.dropLast(4)
                guard let bytes = files.contents(of: stem + ".idx"), let index = PackIndex(bytes) else { return nil }
                return Pack(path: stem + ".pack", index: index)
            }
        }
    }

    /// `objects/info/alternates`: one objects directory a line, relative to this one.
    private static func withAlternates(_ directory: String, files: any GitFileSource, depth: Int) -> [String] {
        guard depth < 5, let text = files.contents(of: directory + "/info/alternates") else { return [directory] }
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        return [directory] + lines.flatMap { line in
            withAlternates(GitPath.resolve(line, relativeTo: directory), files: files, depth: depth + 1)
        }
    }

    private func unreadable(_ reason: String) -> GitContextError {
        .unreadableRepository(reason: reason)
    }
}
