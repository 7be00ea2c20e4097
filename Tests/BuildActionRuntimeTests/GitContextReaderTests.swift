import BuildActionCore
import DockerMetadata
import Foundation
import JavaScriptCompat
import SocketHTTP
import Testing

@testable import BuildActionRuntime

/// `context: git` against real repositories made with git in a temporary directory.
@Suite("Git context", .serialized)
struct GitContextReaderTests {
    static let runner = SystemProcessRunner(environment: [
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        "HOME": NSTemporaryDirectory(), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_AUTHOR_DATE": "2024-03-01T12:00:00+01:00", "GIT_COMMITTER_DATE": "2024-03-01T12:00:00+01:00",
    ])

    static func repository(_ steps: [[String]]) async throws -> String {
        let directory = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "gitctx-")
        for step in [["init", "-q", "-b", "main"], ["commit", "-q", "--allow-empty", "-m", "one"]] + steps {
            _ = try await git(step, in: directory)
        }
        return directory
    }

    /// git's trimmed stdout; a failure is recorded.
    @discardableResult
    static func git(_ arguments: [String], in directory: String) async throws -> String {
        let result = try await runner.run(Command("git", ["-c", "commit.gpgSign=false", "-c", "tag.gpgSign=false"] + arguments, workingDirectory: directory), input: nil)
        #expect(result.status == 0, "git \(arguments): \(result.standardError)")
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func context(_ directory: String) throws(GitContextError) -> GitHubContext {
        let base = GitHubContext(eventName: "push", sha: "env-sha", ref: "refs/heads/env", payload: .object([:]), repository: nil)
        return try GitContextReader(directory: directory).context(base: base)
    }

    @Test func branchCheckout() async throws {
        let directory = try await Self.repository([["checkout", "-q", "-b", "feature-git"]])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let context = try Self.context(directory)
        #expect(context.ref == "refs/heads/feature-git")
        #expect(context.sha?.count == 40)
        #expect(context.commitDate.map(ISOTimestamp.string) == "2024-03-01T11:00:00.000Z")
    }

    @Test func detachedOnTag() async throws {
        let directory = try await Self.repository([["tag", "v4.5.6"], ["checkout", "-q", "v4.5.6"]])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try Self.context(directory).ref == "refs/tags/v4.5.6")
    }

    @Test func detachedOnBranchTipIsUnsupportedLikeUpstream() async throws {
        let directory = try await Self.repository([["checkout", "-q", "--detach"]])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            _ = try Self.context(directory)
            Issue.record("accepted a detached HEAD at a local branch")
        } catch {
            #expect(error == .unsupportedDetachedHead(decoration: "HEAD, main"))
            #expect(error.description == "Unsupported detached HEAD ref in \"HEAD, main\"")
        }
    }

    @Test func notARepository() async throws {
        let directory = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "norepo-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            _ = try Self.context(directory)
            Issue.record("accepted a directory without git")
        } catch {
            #expect(error == .notARepository)
            #expect(error.description == "fatal: not a git repository (or any of the parent directories): .git")
            #expect(error.hint == "context: git needs a checked-out repository in the workspace (actions/checkout).")
        }
    }

    @Test(arguments: [
        (GitContextError.badRevision, "fatal: bad revision 'HEAD'", "context: git needs a checked-out repository in the workspace (actions/checkout)."),
        (.unreadableRepository(reason: "object 12 is missing"), "Cannot read the git repository: object 12 is missing",
         "context: git reads the checkout's .git itself: check out the repository again (actions/checkout), or use context: workflow."),
        (.detachedHeadNotFound(decoration: "grafted"), #"Cannot find detached HEAD ref in "grafted""#, detachedHint),
        (.detachedTagNotFound(decoration: "HEAD, tag: v1"), #"Cannot find detached tag ref in "HEAD, tag: v1""#, detachedHint),
        (.cannotInferRef, "Cannot infer ref from detached HEAD", detachedHint),
    ])
    func messages(_ error: GitContextError, _ message: String, _ hint: String) {
        #expect(error.description == message)
        #expect(error.hint == hint)
    }

    static let detachedHint = "context: git reads the ref from the checkout: check out a branch or a tag (actions/checkout with fetch-depth: 0 fetches them all), or use context: workflow."

    /// The metadata step reports git's failures as its own, with the hint.
    @Test func theMetadataStepReportsThemAsItsOwn() async throws {
        let directory = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "norepo-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let command = MetadataCommand(environment: ["INPUT_IMAGES": "o/r", "INPUT_CONTEXT": "git", "GITHUB_REPOSITORY": "o/r"], commands: WorkflowCommands { _ in },
                                      runner: Self.runner, now: Date(timeIntervalSince1970: 0), workingDirectory: directory, transport: NoNetwork())
        var warnings: [String] = []
        do {
            _ = try await command.compute(warnings: &warnings)
            Issue.record("computed without a repository")
        } catch {
            #expect(error.message.contains("not a git repository"))
            #expect(error.hint == "context: git needs a checked-out repository in the workspace (actions/checkout).")
        }
    }
}

/// A network that is never reached.
private struct NoNetwork: HTTPTransport {
    func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        Issue.record("sent \(request.method) \(request.url)")
        throw HTTPClientError(.connectionRefused, "no network in this test")
    }
}
