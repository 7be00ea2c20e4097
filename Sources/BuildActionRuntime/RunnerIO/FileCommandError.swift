import BuildActionCore

/// A runner file command that could not be written: the files the runner names in
/// `GITHUB_OUTPUT`, `GITHUB_ENV`, `GITHUB_STATE` and `GITHUB_STEP_SUMMARY`.
public enum FileCommandError: Error, Equatable, Sendable, CustomStringConvertible, HintedError {
    /// The file could not be opened for appending.
    case cannotOpen(path: String)
    /// Appending failed; `reason` is the system's.
    case cannotWrite(path: String, reason: String)

    /// What went wrong, naming the file.
    public var description: String {
        switch self {
        case .cannotOpen(let path): "cannot open \(path) for writing"
        case .cannotWrite(let path, let reason): "cannot write to \(path): \(reason)"
        }
    }

    /// How to fix it.
    public var hint: String? {
        "The runner names these files in GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE and GITHUB_STEP_SUMMARY: run the action as a step of a GitHub Actions job, or point the variable at a file the action can write."
    }
}
