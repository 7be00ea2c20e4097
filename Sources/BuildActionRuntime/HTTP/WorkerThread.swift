import Glibc

/// Runs blocking work on a fresh detached pthread (never on Swift's cooperative pool).
///
/// `SIGPIPE` is blocked on the worker, so a write to a peer that has gone away (OpenSSL writes with
/// plain `write(2)`) yields `EPIPE` instead of killing the process; the signal stays pending on the
/// worker thread and is discarded when it exits.
enum WorkerThread {
    private final class Job {
        let work: @Sendable () -> Void
        init(_ work: @escaping @Sendable () -> Void) { self.work = work }
    }

    /// Starts `work` on a new thread; runs it inline if no thread can be created.
    static func run(_ work: @escaping @Sendable () -> Void) {
        let job = Unmanaged.passRetained(Job(work)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        if pthread_create(&thread, &attributes, entry, job) != 0 {
            Unmanaged<Job>.fromOpaque(job).takeRetainedValue().work()
        }
    }

    private static let entry: @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? = { raw in
        guard let raw else { return nil }
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        Unmanaged<Job>.fromOpaque(raw).takeRetainedValue().work()
        return nil
    }
}
