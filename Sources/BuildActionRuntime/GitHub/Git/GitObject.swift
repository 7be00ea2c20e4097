/// An object of git's database: its kind and its content.
/// https://git-scm.com/docs/gitformat-loose and https://git-scm.com/docs/gitformat-pack
struct GitObject: Equatable, Sendable {
    /// Git's object types, numbered as in packfiles.
    enum Kind: Int, Sendable {
        case commit = 1, tree = 2, blob = 3, tag = 4

        init?(name: some Sequence<UInt8>) {
            switch String(decoding: Array(name), as: UTF8.self) {
            case "commit": self = .commit
            case "tree": self = .tree
            case "blob": self = .blob
            case "tag": self = .tag
            default: return nil
            }
        }
    }

    let kind: Kind
    let body: [UInt8]

    /// A loose object once inflated: `<kind> <size>\0<body>`, the size checked.
    init?(loose bytes: [UInt8]) {
        guard let space = bytes.firstIndex(of: 0x20), let nul = bytes[space...].firstIndex(of: 0),
            let kind = Kind(name: bytes[..<space]),
            let size = Int(String(decoding: bytes[(space + 1)..<nul], as: UTF8.self)), size == bytes.count - nul - 1
        else { return nil }
        self.init(kind: kind, body: Array(bytes[(nul + 1)...]))
    }

    init(kind: Kind, body: [UInt8]) {
        self.kind = kind
        self.body = body
    }

    /// The object a tag names (its `object` header), for tags.
    var taggedObject: String? {
        guard kind == .tag else { return nil }
        return headers.first { $0.name == "object" }?.value
    }

    /// The header lines before the first empty line, as (name, value).
    var headers: [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for line in String(decoding: body, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }
            guard let space = line.firstIndex(of: " ") else { continue }
            result.append((String(line[..<space]), String(line[line.index(after: space)...])))
        }
        return result
    }
}
