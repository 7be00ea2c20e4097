import Foundation

/// The event a job runs for, as the runner describes it: `GITHUB_EVENT_NAME`, `GITHUB_REF`
/// and the webhook payload at `GITHUB_EVENT_PATH` (trimmed to what the action reads).
struct ScenarioEvent: Sendable {
    let name: String
    let ref: String
    /// The payload, as JSON text.
    let payload: String

    /// The commit every event builds.
    static let sha = "860c1904a1ce19322e91ac35af1ab07466440c37"
    /// Its committer date.
    static let commitDate = "2026-10-30T08:00:00Z"

    private static let repository = #""repository":{"full_name":"openimsdk/openkf","default_branch":"main","html_url":"https://github.com/openimsdk/openkf"}"#
    private static let headCommit = #""head_commit":{"id":"\#(sha)","timestamp":"\#(commitDate)","message":"server: faster routing"}"#

    /// A push of the tag `name` (publishing a release creates it).
    static func tag(_ name: String) -> ScenarioEvent {
        ScenarioEvent(name: "push", ref: "refs/tags/\(name)", payload: #"{"ref":"refs/tags/\#(name)",\#(repository),\#(headCommit)}"#)
    }

    /// A push to the branch `name`.
    static func branch(_ name: String) -> ScenarioEvent {
        ScenarioEvent(name: "push", ref: "refs/heads/\(name)", payload: #"{"ref":"refs/heads/\#(name)",\#(repository),\#(headCommit)}"#)
    }

    /// The nightly schedule on the default branch (no commit in the payload: its date comes
    /// from the commits API).
    static let schedule = ScenarioEvent(name: "schedule", ref: "refs/heads/main", payload: #"{"schedule":"30 1 * * *",\#(repository)}"#)

    /// A manual run on main.
    static let dispatch = ScenarioEvent(name: "workflow_dispatch", ref: "refs/heads/main", payload: #"{"ref":"refs/heads/main","inputs":{},\#(repository)}"#)

    /// Pull request `number` (`pull_request`, `pull_request_target`...), from `fork` or not.
    static func pullRequest(_ number: Int, event: String = "pull_request", fork: Bool = false) -> ScenarioEvent {
        let head = fork ? "contributor/openkf" : "openimsdk/openkf"
        let pullRequest = #"{"number":\#(number),"head":{"sha":"0a1b2c3d4e5f60718293a4b5c6d7e8f901234567","ref":"feature/chat","repo":{"full_name":"\#(head)","fork":\#(fork)}},"base":{"ref":"main","sha":"\#(sha)"}}"#
        return ScenarioEvent(name: event, ref: "refs/pull/\(number)/merge", payload: #"{"action":"synchronize","number":\#(number),"pull_request":\#(pullRequest),\#(repository)}"#)
    }

    /// `workflow_run` after the CI workflow of a pull request's branch completed (it runs on main).
    static let workflowRun = ScenarioEvent(name: "workflow_run", ref: "refs/heads/main",
                                           payload: #"{"action":"completed","workflow_run":{"event":"pull_request","head_branch":"feature/chat","head_sha":"0a1b2c3d4e5f60718293a4b5c6d7e8f901234567","conclusion":"success"},\#(repository)}"#)

    /// A comment asking for a build on pull request 42 (it runs on main).
    static let issueComment = ScenarioEvent(name: "issue_comment", ref: "refs/heads/main",
                                            payload: #"{"action":"created","issue":{"number":42,"pull_request":{"url":"https://api.github.com/repos/openimsdk/openkf/pulls/42"}},"comment":{"body":"/build"},\#(repository)}"#)

    /// `GITHUB_REF_NAME` as the runner sets it.
    var refName: String {
        for prefix in ["refs/heads/", "refs/tags/", "refs/pull/"] where ref.hasPrefix(prefix) { return String(ref.dropFirst(prefix.count)) }
        return ref
    }
}
