import Foundation

/// The system's words for a failed file operation (`No such file or directory`), for messages
/// that name the file themselves: Foundation's own descriptions repeat the path in a dump.
/// (Public for the runtime, whose file errors name files the same way.)
public enum SystemErrorReason {
    /// `strerror` of the POSIX error under `error`, else its localized description.
    public static func of(_ error: any Error) -> String {
        let posix = (error as? CocoaError)?.underlying.map { $0 as NSError } ?? (error as NSError)
        if posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return (error as NSError).localizedDescription
    }
}
