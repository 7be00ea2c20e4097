/// Whether a run publishes its images, and why: the `push` input against the event.
/// Pull-request events (any event whose name contains `pull_request`, and `merge_group`) never
/// push unless the workflow opts in with both `push: true` and `allow-pull-request-push: true`.
/// Events that usually build a pull request's code without being pull-request events
/// (`workflow_run`, `issue_comment`) push only with `push: true`.
public struct PushDecision: Sendable, Equatable {
    /// Whether images are pushed.
    public let push: Bool
    /// One sentence for the log and the summary.
    public let reason: String

    /// A decision from its parts.
    public init(push: Bool, reason: String) {
        self.push = push
        self.reason = reason
    }

    /// Whether `eventName` is a pull-request-like event (forks may run it; secrets may be empty).
    public static func isPullRequestEvent(_ eventName: String) -> Bool {
        eventName.contains("pull_request") || eventName == "merge_group"
    }

    /// Whether `eventName` usually builds a pull request's code without being a pull-request
    /// event: `workflow_run` (run after a fork's workflow, often to build its head) and
    /// `issue_comment` (a comment on a pull request asking for a build). `auto` does not push on
    /// them; `push: true` does, without `allow-pull-request-push`, since trusted workflows use
    /// them too (a release after CI passed on main, a maintainer's command).
    ///
    /// [GitHub: events that trigger workflows](https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows)
    public static func isPullRequestCodeEvent(_ eventName: String) -> Bool {
        eventName == "workflow_run" || eventName == "issue_comment"
    }

    /// Decides for `mode` on `eventName`; `push: true` on a pull request without the explicit
    /// opt-in is an error.
    public static func decide(mode: PushMode, eventName: String, allowPullRequestPush: Bool) throws(InputError) -> PushDecision {
        let pullRequest = isPullRequestEvent(eventName)
        switch mode {
        case .never:
            return PushDecision(push: false, reason: "push is false: images are built, nothing is pushed")
        case .auto where pullRequest:
            return PushDecision(push: false, reason: "\(eventName) event: images are built to validate the Dockerfile, nothing is pushed")
        case .auto where isPullRequestCodeEvent(eventName):
            return PushDecision(push: false, reason: "\(eventName) event, which usually builds pull-request code: images are built, nothing is pushed (set push: true to publish on this event)")
        case .auto:
            return PushDecision(push: true, reason: "\(eventName.isEmpty ? "this" : eventName) event: images are pushed")
        case .always where pullRequest && !allowPullRequestPush:
            throw InputError(
                input: "push", value: "true",
                reason: "would publish images for a \(eventName) event, which forks can trigger",
                fix: "Remove push: true (pull requests are then built, not pushed), or also set allow-pull-request-push: true to publish pull-request images on purpose.")
        case .always:
            return PushDecision(push: true, reason: pullRequest ? "push and allow-pull-request-push are true: pull-request images are pushed" : "push is true: images are pushed")
        }
    }
}
