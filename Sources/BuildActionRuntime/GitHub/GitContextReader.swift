import BuildActionCore
import DockerMetadata
import Foundation
import JavaScriptCompat

/// `context: git`: the ref and commit of the checkout in the working directory, read with git
/// the way docker/actions-toolkit's `Git.context` does (detached HEADs included).
public struct GitContextReader: Sendable {
    let runner: any ProcessRunner
    let directory: String

    /// A reader of the repository at `directory`.
    public init(runner: any ProcessRunner, directory: String) {
        self.runner = runner
        self.directory = directory
    }

    /// The workflow context with `ref`, `sha` and the commit date taken from git.
    public func context(base: GitHubContext) async throws(GitContextError) -> GitHubContext {
        var context = base
        context.ref = try await ref()
        context.sha = try await git(["show", "--format=%H", "HEAD", "--quiet", "--"])
        let stamp = try await git(["show", "-s", "--format=%cI", context.sha ?? "HEAD"])
        context.commitDate = JavaScriptDate.parse(stamp)
        return context
    }

    /// `git args`, trimmed stdout; failing with git's stderr when it fails and says why.
    func git(_ arguments: [String]) async throws(GitContextError) -> String {
        let result: CommandResult
        do {
            result = try await runner.run(Command("git", arguments, workingDirectory: directory), input: nil)
        } catch {
            throw .gitNotFound
        }
        if !result.standardError.isEmpty && result.status != 0 {
            throw .gitFailed(standardError: result.standardError)
        }
        return JavaScriptNumber.trimJavaScriptWhitespace(result.standardOutput)
    }

    private func ref() async throws(GitContextError) -> String {
        if try await git(["branch", "--show-current"]).isEmpty {
            return try await detachedRef()
        }
        return try await git(["symbolic-ref", "HEAD"])
    }

    private func detachedRef() async throws(GitContextError) -> String {
        let decoration = try await git(["show", "-s", "--pretty=%D"])
        var normalized = decoration
        if normalized.hasPrefix("grafted, ") { normalized.removeFirst("grafted, ".count) }
        normalized = JavaScriptNumber.trimJavaScriptWhitespace(normalized)
        if normalized == "HEAD" { return try await inferRefFromHead() }
        guard normalized.hasPrefix("HEAD, "), normalized.count > 6 else {
            throw .detachedHeadNotFound(decoration: decoration)
        }
        let ref = JavaScriptNumber.trimJavaScriptWhitespace(String(normalized.dropFirst(6)))
        if ref.hasPrefix("tag: ") { return try await tagRef(ref, original: decoration) }
        let parts = ref.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0] == "pull", parts[1].allSatisfy(\.isNumber), !parts[1].isEmpty, ["head", "merge"].contains(parts[2]) {
            return "refs/\(ref)"
        }
        var search = ref.endIndex
        while let comma = ref.range(of: ", ", options: .backwards, range: ref.startIndex..<search) {
            if Self.isRemoteBranch(String(ref[..<comma.lowerBound])), comma.upperBound != ref.endIndex {
                return "refs/heads/" + JavaScriptNumber.trimJavaScriptWhitespace(String(ref[comma.upperBound...]))
            }
            search = comma.lowerBound
        }
        if let slash = ref.firstIndex(of: "/"), slash != ref.startIndex, ref.index(after: slash) != ref.endIndex {
            return "refs/heads/" + JavaScriptNumber.trimJavaScriptWhitespace(String(ref[ref.index(after: slash)...]))
        }
        throw .unsupportedDetachedHead(decoration: decoration)
    }

    /// `^[^/]+\/[^/]+$`.
    private static func isRemoteBranch(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
    }

    private func tagRef(_ decoration: String, original: String) async throws(GitContextError) -> String {
        let refs = try await git(["for-each-ref", "--format=%(refname)", "--points-at", "HEAD", "refs/tags/"])
            .split(separator: "\n").map { JavaScriptNumber.trimJavaScriptWhitespace(String($0)) }.filter { !$0.isEmpty }
            .sorted { $0.count > $1.count }
        for ref in refs {
            let expected = "tag: " + ref.dropFirst("refs/tags/".count)
            if decoration == expected || decoration.hasPrefix(expected + ", ") { return ref }
        }
        if refs.count == 1 { return refs[0] }
        throw .detachedTagNotFound(decoration: original)
    }

    private func inferRefFromHead() async throws(GitContextError) -> String {
        if let local = try await containingRef("refs/heads/") { return local }
        if let remote = try await containingRef("refs/remotes/") {
            let parts = remote.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
            if parts.count == 4, !parts[2].isEmpty, !parts[3].isEmpty { return "refs/heads/\(parts[3])" }
            return remote
        }
        let tags = try await git(["tag", "--contains", "HEAD"]).split(separator: "\n").map { JavaScriptNumber.trimJavaScriptWhitespace(String($0)) }
        if let first = tags.first(where: { !$0.isEmpty }) { return "refs/tags/\(first)" }
        throw .cannotInferRef
    }

    private func containingRef(_ scope: String) async throws(GitContextError) -> String? {
        try await git(["for-each-ref", "--format=%(refname)", "--contains", "HEAD", "--sort=-committerdate", scope])
            .split(separator: "\n").map { JavaScriptNumber.trimJavaScriptWhitespace(String($0)) }.first { !$0.isEmpty }
    }
}
