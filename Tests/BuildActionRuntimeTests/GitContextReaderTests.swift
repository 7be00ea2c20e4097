import BuildActionCore
import Foundation
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
            let result = try await runner.run(Command("git", ["-c", "commit.gpgSign=false", "-c", "tag.gpgSign=false"] + step, workingDirectory: directory), input: nil)
            #expect(result.status == 0, "git \(step): \(result.standardError)")
        }
        return directory
    }

    static func context(_ directory: String) async throws(MetadataError) -> GitHubContext {
        let base = GitHubContext(eventName: "push", sha: "env-sha", ref: "refs/heads/env", payload: .object([:]), repository: nil)
        return try await GitContextReader(runner: runner, directory: directory).context(base: base)
    }

    @Test func branchCheckout() async throws {
        let directory = try await Self.repository([["checkout", "-q", "-b", "feature-git"]])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let context = try await Self.context(directory)
        #expect(context.ref == "refs/heads/feature-git")
        #expect(context.sha?.count == 40)
        #expect(context.commitDate.map(ISOTimestamp.string) == "2024-03-01T11:00:00.000Z")
    }

    @Test func detachedOnTag() async throws {
        let directory = try await Self.repository([["tag", "v4.5.6"], ["checkout", "-q", "v4.5.6"]])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(try await Self.context(directory).ref == "refs/tags/v4.5.6")
    }

    @Test func detachedOnBranchTipIsUnsupportedLikeUpstream() async throws {
        let directory = try await Self.repository([["checkout", "-q", "--detach"]])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            _ = try await Self.context(directory)
            Issue.record("accepted a detached HEAD at a local branch")
        } catch {
            #expect(error.message == "Unsupported detached HEAD ref in \"HEAD, main\"")
        }
    }

    @Test func notARepository() async throws {
        let directory = try TemporaryDirectory.make(in: NSTemporaryDirectory(), prefix: "norepo-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            _ = try await Self.context(directory)
            Issue.record("accepted a directory without git")
        } catch {
            #expect(error.message.contains("not a git repository"))
            #expect(error.hint != nil)
        }
    }
}
