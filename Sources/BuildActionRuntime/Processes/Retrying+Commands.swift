import Foundation
import OCIRegistry

extension Retrying {
    /// A command (`docker login`, `buildx build`) run again while it fails in a way `isTransient`
    /// sees as transient. Returns the last result, which failed when the retries ran out or the
    /// failure was not transient; throws only when the command could not start.
    public func run(command what: String, isTransient: (CommandResult) -> Bool, announce: (RetryNotice<CommandResult>) -> Void,
                    _ body: (_ attempt: Int) async throws -> CommandResult) async throws -> CommandResult {
        do {
            return try await run(what, classify: { (failure: CommandAttemptFailure) in
                if case .ended(let result) = failure, isTransient(result) { return .transient(retryAfter: nil) }
                return .permanent
            }, announce: { notice in
                if case .ended(let result) = notice.failure { announce(notice.replacingFailure(with: result)) }
            }) { attempt throws(CommandAttemptFailure) in
                let result: CommandResult
                do {
                    result = try await body(attempt)
                } catch {
                    throw .notStarted(error)
                }
                guard result.status == 0 else { throw .ended(result) }
                return result
            }
        } catch {
            switch error {
            case .ended(let result): return result
            case .notStarted(let error): throw error
            }
        }
    }
}

/// How one run of a command failed.
enum CommandAttemptFailure: Error {
    /// It could not start.
    case notStarted(any Error)
    /// It ended unsuccessfully.
    case ended(CommandResult)
}
