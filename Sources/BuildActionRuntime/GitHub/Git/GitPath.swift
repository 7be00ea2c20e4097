import Foundation

/// Paths inside and around `.git`, joined as git joins them.
enum GitPath {
    /// `path` when absolute, else `path` under `directory`, normalized (`.` and `..` removed).
    static func resolve(_ path: String, relativeTo directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The directory holding `path`.
    static func parent(_ path: String) -> String {
        resolve("..", relativeTo: path)
    }
}
