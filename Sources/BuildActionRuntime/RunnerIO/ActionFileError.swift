import BuildActionCore

/// A file or directory the action makes for its own use that could not be made: a private
/// temporary directory, the JSON Lines log in the workspace, a bake definition.
public enum ActionFileError: Error, Equatable, Sendable, CustomStringConvertible, HintedError {
    /// `mkdtemp` failed in `base`; `reason` is the system's.
    case temporaryDirectory(base: String, reason: String)
    /// The log file was refused or could not be created; `reason` follows "it".
    case logFile(path: String, reason: String)
    /// A bake definition of the metadata step could not be written; `reason` follows "it".
    case bakeFile(path: String, reason: String)
    /// A secret (a build secret, a builder key) could not be written to its 0600 file.
    case secretFile(directory: String)

    /// What went wrong, naming the file.
    public var description: String {
        switch self {
        case .temporaryDirectory(let base, let reason): "cannot create a temporary directory in \(base): \(reason)"
        case .logFile(let path, let reason): "cannot create the log file \(path): it \(reason)"
        case .bakeFile(let path, let reason): "cannot write the bake file \(path): it \(reason)"
        case .secretFile(let directory): "cannot write a secret file in \(directory)"
        }
    }

    /// How to fix it.
    public var hint: String? {
        switch self {
        case .temporaryDirectory(let base, _): "Make \(base) a directory the action can write to (it comes from HOME, RUNNER_TEMP or TMPDIR)."
        case .logFile(let path, _): "Keep \(path) free in the repository: the action writes its log there."
        case .bakeFile: "Make RUNNER_TEMP a directory with room for the bake definitions."
        case .secretFile: "Make HOME a directory the action can write to, with room for its private configuration."
        }
    }
}
