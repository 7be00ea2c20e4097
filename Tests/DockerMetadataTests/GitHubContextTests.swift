import Foundation
import JavaScriptCompat
import Testing

@testable import DockerMetadata

@Suite("GitHub context (@actions/github and metadata-action's adjustments)")
struct GitHubContextTests {
    static let sha = "860c1904a1ce19322e91ac35af1ab07466440c37"

    static func pullPayload(number: Int = 23) -> JSONValue {
        .object([
            "number": .number(Double(number)),
            "pull_request": .object(["head": .object(["sha": .string("c4ca4238a0b923820dcc509a6f75849bb1e2f6d7")]), "base": .object(["ref": .string("main")])]),
        ])
    }

    @Test func readsRunnerVariables() {
        let context = GitHubContext(
            environment: ["GITHUB_EVENT_NAME": "push", "GITHUB_SHA": Self.sha, "GITHUB_REF": "refs/heads/main", "GITHUB_REPOSITORY": "openimsdk/openkf"],
            payload: .object([:]))
        #expect(context.eventName == "push")
        #expect(context.ref == "refs/heads/main")
        #expect(context.repository == RepositorySlug(owner: "openimsdk", name: "openkf"))
    }

    @Test func repositoryFallsBackToPayload() {
        let payload = JSONValue.object(["repository": .object(["name": .string("app"), "owner": .object(["login": .string("org")])])])
        #expect(RepositorySlug(environment: [:], payload: payload) == RepositorySlug(owner: "org", name: "app"))
        #expect(RepositorySlug(environment: [:], payload: .object([:])) == nil)
    }

    @Test func pullRequestTargetUsesMergeRef() {
        let base = GitHubContext(eventName: "pull_request_target", sha: Self.sha, ref: "refs/heads/main", payload: Self.pullPayload(), repository: nil)
        #expect(base.adjustedForWorkflow(prHeadSHA: nil).ref == "refs/pull/23/merge")
        #expect(base.adjustedForWorkflow(prHeadSHA: nil).sha == Self.sha)
    }

    @Test(arguments: [("true", true), ("TRUE", true), ("untrue", true), ("false", false), ("1", false)])
    func headSHASwitch(_ flag: String, _ swapped: Bool) {
        let base = GitHubContext(eventName: "pull_request", sha: Self.sha, ref: "refs/pull/15/merge", payload: Self.pullPayload(), repository: nil)
        let sha = base.adjustedForWorkflow(prHeadSHA: flag).sha
        #expect(sha == (swapped ? "c4ca4238a0b923820dcc509a6f75849bb1e2f6d7" : Self.sha))
    }

    @Test func headSHAIgnoredOutsidePullRequests() {
        let base = GitHubContext(eventName: "push", sha: Self.sha, ref: "refs/heads/main", payload: Self.pullPayload(), repository: nil)
        #expect(base.adjustedForWorkflow(prHeadSHA: "true").sha == Self.sha)
    }

    @Test func commitDateFromCommitsThenHeadCommit() throws {
        func context(_ payload: JSONValue) -> GitHubContext {
            GitHubContext(eventName: "push", sha: Self.sha, ref: "refs/heads/main", payload: payload, repository: nil)
        }
        let commits = JSONValue.object(["commits": .array([.object(["id": .string(Self.sha), "timestamp": .string("2024-01-02T03:04:05Z")])])])
        let fromCommits = try #require(context(commits).commitDateFromPayload())
        #expect(fromCommits.map(ISOTimestamp.string) == "2024-01-02T03:04:05.000Z")
        let head = JSONValue.object(["commits": .array([]), "head_commit": .object(["id": .string(Self.sha), "timestamp": .string("2024-05-06T07:08:09+02:00")])])
        let fromHead = try #require(context(head).commitDateFromPayload())
        #expect(fromHead.map(ISOTimestamp.string) == "2024-05-06T05:08:09.000Z")
        let otherHead = JSONValue.object(["head_commit": .object(["id": .string("other"), "timestamp": .string("2024-05-06T07:08:09Z")])])
        #expect(context(otherHead).commitDateFromPayload() == nil)
        let invalid = JSONValue.object(["head_commit": .object(["id": .string(Self.sha), "timestamp": .string("not a date")])])
        #expect(context(invalid).commitDateFromPayload() == .some(nil))
    }

    @Test func payloadJSONKeepsBooleansApartFromNumbers() throws {
        let value = try JSONValue(parsing: Data(#"{"a":true,"b":1,"c":null,"d":[1.5,"x"],"e":{"f":"g"}}"#.utf8))
        #expect(value["a"] == .bool(true))
        #expect(value["b"] == .number(1))
        #expect(value["c"] == .null)
        #expect(value["d"]?.javaScriptString == "1.5,x")
        #expect(value["e"]?["f"]?.stringValue == "g")
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: Data("{nope".utf8)) }
    }

    @Test(arguments: [(nil, "860c190"), ("12", "860c1904a1ce"), ("100", sha), ("0", ""), ("3.9", "860")] as [(String?, String)])
    func shortSHA(_ length: String?, _ expected: String) throws {
        #expect(try MetadataSettings(now: Date(), shortSHALength: length).shortSHA(Self.sha) == expected)
    }

    @Test func shortSHARejectsNonNumbers() {
        do {
            _ = try MetadataSettings(now: Date(), shortSHALength: "twelve").shortSHA(Self.sha)
            Issue.record("accepted")
        } catch {
            #expect(error.message == "DOCKER_METADATA_SHORT_SHA_LENGTH is not a valid number: twelve")
        }
    }
}
