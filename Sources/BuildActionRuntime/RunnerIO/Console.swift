import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Line output to stdout, unbuffered per line so workflow commands interleave with child output.
public struct Console: Sendable {
    /// Writes one line.
    public let writeLine: @Sendable (String) -> Void
    /// True once a write failed (stdout closed, or an I/O error): later lines were dropped.
    public let failed: @Sendable () -> Bool

    /// A console over `writeLine` that never fails.
    public init(writeLine: @escaping @Sendable (String) -> Void) {
        self.writeLine = writeLine
        self.failed = { false }
    }

    /// A console over an open file descriptor.
    public init(descriptor: Int32) {
        let output = DescriptorOutput(descriptor: descriptor)
        writeLine = { output.write($0 + "\n") }
        failed = { output.failure != nil }
    }

    /// The process's standard output.
    public static let standard = Console(descriptor: STDOUT_FILENO)

    /// Makes a write to a closed pipe fail with `EPIPE` instead of killing the process, so a
    /// reader that goes away (`openkf-build metadata | head -1`) ends the run quietly. A handler
    /// rather than `SIG_IGN`, so that children (docker, git) start with the default again.
    public static func survivePipeClosures() {
        signal(SIGPIPE, { _ in })
    }
}

/// Writes whole lines to a descriptor, one writer at a time. After the first failure the rest
/// is dropped: `EPIPE` silently (the reader is gone), other errors with one line on stderr.
final class DescriptorOutput: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var error: Int32?

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// The `errno` of the write that failed, if one did.
    var failure: Int32? { lock.withLock { error } }

    func write(_ text: String) {
        lock.withLock {
            guard error == nil else { return }
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let written = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
                if written >= 0 {
                    bytes = bytes.dropFirst(written)
                    continue
                }
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN {
                    // a descriptor someone made non-blocking: wait until it takes more
                    var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&ready, 1, -1)
                    continue
                }
                error = code
                if code != EPIPE {
                    let note = "openkf-build: cannot write to file descriptor \(descriptor): \(String(cString: strerror(code))); the rest of the log is lost\n"
                    _ = note.withCString { systemWrite(STDERR_FILENO, $0, strlen($0)) }
                }
                return
            }
        }
    }
}

/// `write(2)`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #elseif canImport(Musl)
    Musl.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
