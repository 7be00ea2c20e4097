import Foundation
import JavaScriptCompat

/// The workflow run as `@actions/github`'s `context` describes it, plus the commit date
/// metadata-action adds: the event, the ref and commit, and the webhook payload.
public struct GitHubContext: Sendable, Equatable {
    /// `GITHUB_EVENT_NAME` (empty when unset).
    public var eventName: String
    /// `GITHUB_SHA`, or the PR head SHA / git HEAD; nil when unset.
    public var sha: String?
    /// `GITHUB_REF`, or the PR merge ref / git ref; nil when unset.
    public var ref: String?
    /// The webhook event payload (`{}` when there is none).
    public var payload: JSONValue
    /// `owner` and `repo` from `GITHUB_REPOSITORY` or the payload.
    public var repository: RepositorySlug?
    /// When the commit was made; nil for JavaScript's `Invalid Date`.
    public var commitDate: Date?

    /// A context from its parts.
    public init(eventName: String, sha: String?, ref: String?, payload: JSONValue, repository: RepositorySlug?, commitDate: Date? = nil) {
        self.eventName = eventName
        self.sha = sha
        self.ref = ref
        self.payload = payload
        self.repository = repository
        self.commitDate = commitDate
    }

    /// The context `@actions/github` builds from the runner's variables and the event payload.
    public init(environment: [String: String], payload: JSONValue) {
        self.init(
            eventName: environment["GITHUB_EVENT_NAME"] ?? "",
            sha: environment["GITHUB_SHA"],
            ref: environment["GITHUB_REF"],
            payload: payload,
            repository: RepositorySlug(environment: environment, payload: payload)
        )
    }

    /// metadata-action's workflow context: `pull_request_target` builds the PR merge ref, and
    /// `DOCKER_METADATA_PR_HEAD_SHA=true` swaps in the pull request's head commit.
    public func adjustedForWorkflow(prHeadSHA: String?) -> GitHubContext {
        var context = self
        if eventName.contains("pull_request_target") {
            let number = payload["number"].map { $0.javaScriptString } ?? "undefined"
            context.ref = "refs/pull/\(number)/merge"
        }
        if let flag = prHeadSHA, flag.lowercased().contains("true"), eventName.contains("pull_request"),
            let head = payload["pull_request"]?["head"]?["sha"], head.isDefined
        {
            context.sha = head.javaScriptString
        }
        return context
    }

    /// The date metadata-action reads from the payload for `sha`: the matching entry of
    /// `commits`, else `head_commit` when it is that commit. `nil` means "ask the API".
    /// The inner optional is nil for a timestamp JavaScript cannot parse (`Invalid Date`).
    public func commitDateFromPayload() -> Date?? {
        if case .array(let commits)? = payload["commits"] {
            let match = commits.first { $0["id"]?.stringValue == sha && sha != nil }
            if let stamp = match?["timestamp"], stamp.isTruthy {
                return .some(JavaScriptDate.parse(stamp.javaScriptString))
            }
        }
        if let head = payload["head_commit"], head.isTruthy {
            if let id = head["id"], id.stringValue != nil, id.stringValue == sha {
                let stamp = head["timestamp"]
                return .some(stamp.flatMap { $0.isDefined ? JavaScriptDate.parse($0.javaScriptString) : nil })
            }
        }
        return nil
    }
}

/// `owner/repo` of the repository the workflow runs for.
public struct RepositorySlug: Sendable, Equatable {
    /// The owner (user or organisation).
    public var owner: String
    /// The repository name.
    public var name: String

    /// A slug from its parts.
    public init(owner: String, name: String) {
        self.owner = owner
        self.name = name
    }

    /// `GITHUB_REPOSITORY` split at `/`, else the payload's `repository.owner.login`/`name`.
    public init?(environment: [String: String], payload: JSONValue) {
        if let full = environment["GITHUB_REPOSITORY"], !full.isEmpty {
            let parts = full.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            self.init(owner: parts[0], name: parts.count > 1 ? parts[1] : "undefined")
        } else if let repository = payload["repository"], repository.isTruthy {
            self.init(
                owner: repository["owner"]?["login"]?.javaScriptString ?? "undefined",
                name: repository["name"]?.javaScriptString ?? "undefined")
        } else {
            return nil
        }
    }
}
