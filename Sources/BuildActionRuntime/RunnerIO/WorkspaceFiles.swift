import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Files the action writes or reads back where the repository's content could redirect them:
/// the action runs as root, and a symbolic link committed to the repository (`.openkf-build ->
/// /etc`) would otherwise carry its log or digest files anywhere. Paths must resolve inside the
/// workspace or the runner's temporary directory (`RUNNER_TEMP`), and files are opened without
/// following a link in their last component (`O_NOFOLLOW`).
struct WorkspaceFiles: Sendable {
    /// Why a path was refused.
    struct Refusal: Error, Equatable, Sendable {
        /// The path as given.
        let path: String
        /// What is wrong, phrased to follow the path (`resolves to /etc/x, outside ...`).
        let reason: String
    }

    /// The workspace (relative paths start there).
    let workspace: String
    /// The allowed directories, resolved (no links): the workspace and `RUNNER_TEMP`.
    let roots: [String]

    /// The roots of a run in `workspace` with the runner's `environment`.
    init(workspace: String, environment: [String: String]) {
        self.workspace = Self.normalized(workspace)
        let candidates = [self.workspace, environment["RUNNER_TEMP"] ?? ""].filter { $0.hasPrefix("/") }
        roots = candidates.compactMap(Self.resolved)
    }

    /// How the refusals describe the allowed places.
    var allowedDescription: String { "outside the workspace (\(workspace)) and RUNNER_TEMP" }

    /// `path` made absolute (relative to the workspace), with `.` and `..` removed.
    func absolute(_ path: String) -> String {
        Self.normalized(path.hasPrefix("/") ? path : workspace + "/" + path)
    }

    /// The directory `path`, created (0755, one level at a time) when missing. Refused when it,
    /// or the part of it that exists, resolves outside the roots. Returns the resolved path.
    func directory(_ path: String) throws(Refusal) -> String {
        let target = absolute(path)
        var existing = target
        var missing: [String] = []
        while Self.resolved(existing) == nil, existing != "/" {
            missing.insert(String(existing.split(separator: "/").last ?? ""), at: 0)
            existing = Self.parent(of: existing)
        }
        guard var current = Self.resolved(existing), contains(current) else {
            throw Refusal(path: path, reason: "resolves to \(Self.resolved(existing).map { Self.join($0, missing) } ?? existing), \(allowedDescription)")
        }
        for name in missing {
            current += "/" + name
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw Refusal(path: path, reason: "cannot be created (\(current): \(String(cString: strerror(errno))))")
            }
        }
        guard let final = Self.resolved(target), contains(final) else {
            throw Refusal(path: path, reason: "resolves to \(Self.resolved(target) ?? target), \(allowedDescription)")
        }
        var status = stat()
        guard stat(final, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw Refusal(path: path, reason: "is not a directory")
        }
        return final
    }

    /// Creates (or empties) `name` in the resolved `directory` for writing; a link there is refused.
    static func create(_ name: String, in directory: String, shown: String) throws(Refusal) -> FileHandle {
        try openFile(directory + "/" + name, flags: O_WRONLY | O_CREAT | O_TRUNC, shown: shown)
    }

    /// The contents of `name` in the resolved `directory`; a link there is refused.
    static func read(_ name: String, in directory: String, shown: String) throws(Refusal) -> Data {
        let handle = try openFile(directory + "/" + name, flags: O_RDONLY, shown: shown)
        defer { try? handle.close() }
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw Refusal(path: shown, reason: "cannot be read (\(error))")
        }
    }

    /// Opens a regular file without following a link in its last component (and without
    /// blocking on a FIFO put there instead).
    static func openFile(_ path: String, flags: Int32, shown: String) throws(Refusal) -> FileHandle {
        let fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "is a symbolic link (the action does not follow links in the workspace)" : "cannot be opened (\(String(cString: strerror(errno))))"
            throw Refusal(path: shown, reason: reason)
        }
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw Refusal(path: shown, reason: "is not a regular file")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Whether the resolved `path` is one of the roots or inside one.
    func contains(_ path: String) -> Bool {
        roots.contains { root in path == root || path.hasPrefix(root == "/" ? "/" : root + "/") }
    }

    /// `realpath(3)`: the path with every link resolved, or nil when it does not exist.
    static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// `/a/b/../c/./d` → `/a/c/d` (lexically; `..` at the top stays at `/`).
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func parent(of path: String) -> String {
        let parts = path.split(separator: "/").dropLast()
        return "/" + parts.joined(separator: "/")
    }

    private static func join(_ base: String, _ names: [String]) -> String {
        ([base == "/" ? "" : base] + names).joined(separator: "/")
    }
}
