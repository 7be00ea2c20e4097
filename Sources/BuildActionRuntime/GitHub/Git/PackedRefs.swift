/// The `packed-refs` file: `<id> <refname>` lines, each optionally followed by `^<id>`, the
/// object an annotated tag peels to.
/// https://git-scm.com/docs/git-pack-refs
struct PackedRefs: Equatable, Sendable {
    /// Each ref's object id.
    private(set) var ids: [String: String] = [:]
    /// The commit (or other non-tag object) each annotated tag's ref peels to, where recorded.
    private(set) var peeled: [String: String] = [:]
    /// The header says `fully-peeled`: a ref without a `^` line is not an annotated tag.
    private(set) var fullyPeeled = false

    /// The file's text; malformed lines are skipped, as git skips them.
    init(_ text: String) {
        var previous: String?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#") {
                fullyPeeled = fullyPeeled || line.hasPrefix("# pack-refs with:") && line.split(separator: " ").contains("fully-peeled")
                continue
            }
            if line.hasPrefix("^") {
                let id = String(line.dropFirst())
                if let name = previous, GitObjectID.isValid(id) { peeled[name] = id }
                continue
            }
            let fields = line.split(separator: " ", maxSplits: 1)
            guard fields.count == 2, GitObjectID.isValid(fields[0]) else {
                previous = nil
                continue
            }
            previous = String(fields[1])
            ids[String(fields[1])] = String(fields[0])
        }
    }

    init() {}
}
