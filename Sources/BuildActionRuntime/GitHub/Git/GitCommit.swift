import Foundation

/// What `context: git` needs of a commit: its parents and its committer's date.
struct GitCommit: Equatable, Sendable {
    let parents: [String]
    /// The committer's timestamp (seconds since the epoch; git's `%ct`, the instant of `%cI`).
    let committerTime: Int64

    /// The commit object's headers; nil when it is not a commit or its committer line is bad.
    init?(_ object: GitObject) {
        guard object.kind == .commit else { return nil }
        let headers = object.headers
        parents = headers.filter { $0.name == "parent" }.map(\.value)
        guard let committer = headers.first(where: { $0.name == "committer" })?.value,
            let time = Self.timestamp(ofIdentity: committer)
        else { return nil }
        committerTime = time
    }

    /// `Name <email> 1709290800 +0100`: the number after the last `>`.
    static func timestamp(ofIdentity identity: String) -> Int64? {
        guard let close = identity.lastIndex(of: ">") else { return nil }
        let fields = identity[identity.index(after: close)...].split(separator: " ")
        return fields.first.flatMap { Int64($0) }
    }

    /// The committer's date.
    var date: Date { Date(timeIntervalSince1970: TimeInterval(committerTime)) }
}
