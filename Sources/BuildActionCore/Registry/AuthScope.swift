/// The access a registry token is asked for: `repository:openimsdk/openkf-server:pull,push`,
/// several of them space-separated as a challenge's `scope` names them. Scopes for the same
/// resource merge by uniting their actions, as go-containerregistry and oras-go do, so that a
/// challenge naming only `pull` (GHCR does, whatever the request needs) never narrows what the
/// client needs for a push.
/// https://distribution.github.io/distribution/spec/auth/scope/
public struct AuthScope: Sendable, Hashable, CustomStringConvertible {
    /// One resource with its actions.
    public struct Entry: Sendable, Hashable {
        /// `repository`, `registry`, ...
        public let type: String
        /// The repository name (or `catalog`).
        public let name: String
        /// The actions, sorted (`pull`, `push`, `delete`, `*`).
        public let actions: [String]
    }

    /// The entries, sorted by type and name, each resource once.
    public let entries: [Entry]

    /// No access at all (anonymous requests that need nothing).
    public static let none = AuthScope(entries: [])

    private init(entries: [Entry]) {
        var merged: [String: (Entry, Set<String>)] = [:]
        for entry in entries {
            let key = entry.type + ":" + entry.name
            var actions = merged[key]?.1 ?? []
            actions.formUnion(entry.actions)
            merged[key] = (entry, actions)
        }
        self.entries = merged.values.map { Entry(type: $0.0.type, name: $0.0.name, actions: $0.1.sorted()) }
            .sorted { ($0.type, $0.name) < ($1.type, $1.name) }
    }

    /// `pull` on a repository.
    public static func pull(_ repository: String) -> AuthScope {
        AuthScope(entries: [Entry(type: "repository", name: repository, actions: ["pull"])])
    }

    /// `pull,push` on a repository: everything a push needs, asked for from the first request.
    public static func push(_ repository: String) -> AuthScope {
        AuthScope(entries: [Entry(type: "repository", name: repository, actions: ["pull", "push"])])
    }

    /// Parses a challenge's `scope` parameter (space-separated `type:name:actions` items);
    /// items that do not have that shape are left out.
    public init(parsing text: String) {
        let entries = text.split(separator: " ").compactMap { item -> Entry? in
            guard let first = item.firstIndex(of: ":"), let last = item.lastIndex(of: ":"), first < last else { return nil }
            let type = item[..<first], name = item[item.index(after: first)..<last]
            let actions = item[item.index(after: last)...].split(separator: ",").map(String.init)
            guard !type.isEmpty, !name.isEmpty, !actions.isEmpty else { return nil }
            return Entry(type: String(type), name: String(name), actions: actions)
        }
        self.init(entries: entries)
    }

    /// This scope together with `other`, the actions of a shared resource united.
    public func merging(_ other: AuthScope) -> AuthScope {
        AuthScope(entries: entries + other.entries)
    }

    /// Whether a token granted for this scope was asked for everything `other` needs.
    public func covers(_ other: AuthScope) -> Bool {
        other.entries.allSatisfy { needed in
            entries.contains { $0.type == needed.type && $0.name == needed.name && Set($0.actions).isSuperset(of: needed.actions) }
        }
    }

    /// The `scope` query values, one per resource (Docker Hub, GHCR and distribution accept
    /// several `scope=` parameters).
    public var queryValues: [String] {
        entries.map { "\($0.type):\($0.name):\($0.actions.joined(separator: ","))" }
    }

    /// The scopes space-separated, as a challenge writes them.
    public var description: String { queryValues.joined(separator: " ") }
}
