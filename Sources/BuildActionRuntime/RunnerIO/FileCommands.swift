import Foundation
import OCIRegistry

/// The runner's file commands: outputs appended to `GITHUB_OUTPUT`, variables to `GITHUB_ENV`,
/// as `name<<delimiter` blocks (the form that holds any value).
public struct FileCommands: Sendable {
    /// `GITHUB_OUTPUT`, or nil to fall back to `::set-output`.
    public let outputPath: String?
    /// `GITHUB_ENV`, or nil.
    public let environmentPath: String?

    /// File commands at the paths the runner gave.
    public init(environment: [String: String]) {
        outputPath = environment["GITHUB_OUTPUT"].flatMap { $0.isEmpty ? nil : $0 }
        environmentPath = environment["GITHUB_ENV"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// One `name<<delimiter` block; the delimiter is random and not in the value.
    public static func block(name: String, value: String) -> String {
        var delimiter = "ghadelimiter_" + UUID().uuidString.lowercased()
        while value.contains(delimiter) { delimiter = "ghadelimiter_" + UUID().uuidString.lowercased() }
        return "\(name)<<\(delimiter)\n\(value)\n\(delimiter)\n"
    }

    /// Appends outputs (or prints `::set-output` lines through `commands` without a file).
    public func setOutputs(_ outputs: [(name: String, value: String)], commands: WorkflowCommands) throws(FileCommandError) {
        guard let outputPath else {
            for (name, value) in outputs {
                commands.info("::set-output name=\(name)::" + WorkflowCommands.escapeData(value))
            }
            return
        }
        try Self.append(outputs.map { Self.block(name: $0.name, value: $0.value) }.joined(), to: outputPath)
    }

    /// Appends exported variables to `GITHUB_ENV`.
    public func exportVariables(_ variables: [(name: String, value: String)]) throws(FileCommandError) {
        guard let environmentPath, !variables.isEmpty else { return }
        try Self.append(variables.map { Self.block(name: $0.name, value: $0.value) }.joined(), to: environmentPath)
    }

    /// Appends `text` to the file at `path`, creating it when needed.
    public static func append(_ text: String, to path: String) throws(FileCommandError) {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw .cannotOpen(path: path)
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            throw .cannotWrite(path: path, reason: SystemErrorReason.of(error))
        }
    }
}
