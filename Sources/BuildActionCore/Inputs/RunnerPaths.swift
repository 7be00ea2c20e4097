/// Paths as the steps after a container action see them.
///
/// GitHub's runner mounts its temporary directory into a container action at
/// `/github/runner_temp` and sets `RUNNER_TEMP` to that path, so a file written there has
/// another name on the runner. The runner passes `RUNNER_WORKSPACE` (`<work>/<repository>`)
/// unchanged, and its temporary directory is `<work>/_temp`: that gives the host name.
public enum RunnerPaths {
    /// Where the runner mounts its temporary directory inside a container action.
    public static let containerTemp = "/github/runner_temp"

    /// The name a later step of the job sees for `path`, written by this container action.
    /// Unchanged outside a container action or when the runner's layout is not the usual one.
    public static func hostPath(for path: String, environment: [String: String]) -> String {
        guard environment["RUNNER_TEMP"] == containerTemp,
              path == containerTemp || path.hasPrefix(containerTemp + "/"),
              let workspace = environment["RUNNER_WORKSPACE"], workspace.hasPrefix("/"),
              !workspace.hasPrefix("/github/")
        else { return path }
        var parts = workspace.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 2 else { return path }
        parts.removeLast()
        return "/" + parts.joined(separator: "/") + "/_temp" + path.dropFirst(containerTemp.count)
    }
}
