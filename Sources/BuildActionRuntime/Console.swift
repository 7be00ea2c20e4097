import Foundation

/// Line output to stdout, unbuffered per line so workflow commands interleave with child output.
public struct Console: Sendable {
    /// Writes one line.
    public let writeLine: @Sendable (String) -> Void

    /// The process's standard output.
    public static let standard = Console { line in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
