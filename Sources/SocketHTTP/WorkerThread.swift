import Glibc

/// Runs blocking work on a fresh detached pthread (never on Swift's cooperative pool).
/// (Public for the process runner, which waits for children on such threads.)
///
/// `SIGPIPE` is blocked on the worker, so a write to a peer that has gone away (OpenSSL writes with
/// plain `write(2)`) yields `EPIPE` instead of killing the process; the signal stays pending on the
/// worker thread and is discarded when it exits.
///
/// A thread starts with its creator's signal mask, and the cooperative pool's threads block most
/// signals. A child process inherits the mask of the thread that starts it, so `unblocked`
/// gives a worker an empty mask: a child started there can be stopped with SIGTERM or SIGINT.
public enum WorkerThread {
    /// The signals a worker blocks.
    public enum Signals: Sendable {
        /// Its creator's, plus SIGPIPE.
        case blockingPipe
        /// None.
        case unblocked
    }

    private final class Job {
        let work: @Sendable () -> Void
        let signals: Signals
        init(_ work: @escaping @Sendable () -> Void, signals: Signals) {
            self.work = work
            self.signals = signals
        }
    }

    /// Starts `work` on a new thread; runs it inline if no thread can be created.
    public static func run(signals: Signals = .blockingPipe, _ work: @escaping @Sendable () -> Void) {
        let job = Unmanaged.passRetained(Job(work, signals: signals)).toOpaque()
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
        let job = Unmanaged<Job>.fromOpaque(raw).takeRetainedValue()
        var signals = sigset_t()
        sigemptyset(&signals)
        switch job.signals {
        case .blockingPipe:
            sigaddset(&signals, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &signals, nil)
        case .unblocked:
            pthread_sigmask(SIG_SETMASK, &signals, nil)
        }
        job.work()
        return nil
    }
}
