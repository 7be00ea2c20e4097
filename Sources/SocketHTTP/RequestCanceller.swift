import Glibc
import Synchronization

/// Lets another thread abort a blocked request by shutting its socket down.
final class RequestCanceller: Sendable {
    private struct State {
        var fd: Int32 = -1
        var cancelled = false
    }

    private let state = Mutex(State())

    /// Whether `cancel()` has been called.
    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Marks the request cancelled and wakes any blocked I/O on the attached socket.
    func cancel() {
        state.withLock { state in
            state.cancelled = true
            if state.fd >= 0 { _ = shutdown(state.fd, Int32(SHUT_RDWR)) }
        }
    }

    /// Attaches `fd`; returns `false` (and attaches nothing) when already cancelled.
    func attach(_ fd: Int32) -> Bool {
        state.withLock { state in
            guard !state.cancelled else { return false }
            state.fd = fd
            return true
        }
    }

    /// Detaches `fd` (so `cancel()` can no longer touch it) and closes it.
    func detachAndClose(_ fd: Int32) {
        state.withLock { state in
            if state.fd == fd { state.fd = -1 }
        }
        _ = Glibc.close(fd)
    }
}
