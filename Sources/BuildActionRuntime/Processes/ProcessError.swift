/// A process that could not be started (a non-zero exit is a result, not an error).
public enum ProcessError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No executable of that name on PATH.
    case notFound(String)
    /// The working directory does not exist.
    case missingDirectory(executable: String, directory: String)
    /// The system refused to start it; `reason` is the system's.
    case cannotStart(executable: String, reason: String)

    /// What went wrong, naming the program.
    public var description: String {
        switch self {
        case .notFound(let name): "\(name): command not found on PATH"
        case .missingDirectory(let executable, let directory): "cannot start \(executable): the working directory \(directory) does not exist"
        case .cannotStart(let executable, let reason): "cannot start \(executable): \(reason)"
        }
    }
}
