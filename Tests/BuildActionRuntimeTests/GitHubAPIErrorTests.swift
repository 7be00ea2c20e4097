import BuildActionCore
import DockerMetadata
import Foundation
import SocketHTTP
import Testing

@testable import BuildActionRuntime

/// GitHub API failures: Octokit's messages, our hints.
@Suite("GitHub API errors")
struct GitHubAPIErrorTests {
    @Test(arguments: [
        (GitHubAPIError.invalidURL("api/repos/o/r"), "Invalid URL: api/repos/o/r", "GITHUB_API_URL must be an http(s) URL." as String?),
        (.unreachable(message: "connect ECONNREFUSED 127.0.0.1:1", baseURL: "http://127.0.0.1:1"), "connect ECONNREFUSED 127.0.0.1:1",
         "The GitHub API at http://127.0.0.1:1 could not be reached."),
        (.status(401, message: "Bad credentials"), "Bad credentials", "The github-token input was refused: pass ${{ github.token }} or a valid token."),
        (.status(403, message: "Forbidden"), "Forbidden", "The token may lack read access to the repository, or the API rate limit was hit."),
        (.status(404, message: "Not Found"), "Not Found", "The repository is not visible to the token: check GITHUB_REPOSITORY and the token's access."),
        (.status(502, message: "Bad gateway"), "Bad gateway", "The GitHub API answered HTTP 502."),
        (.noCommitDate, "Committer date not found", nil),
    ])
    func messages(_ error: GitHubAPIError, _ message: String, _ hint: String?) {
        #expect(error.description == message)
        #expect(error.hint == hint)
    }

    /// Answers every request with `status` and `body`.
    struct Answering: HTTPTransport {
        let status: Int
        let body: String
        func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse { HTTPResponse(status: status, body: Data(body.utf8)) }
    }

    @Test func aRefusedRequestCarriesOctokitsMessage() async {
        let api = GitHubAPI(baseURL: "https://api.example.com/", token: "t",
                            transport: Answering(status: 404, body: #"{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}"#))
        await #expect(throws: GitHubAPIError.status(404, message: "Not Found - https://docs.github.com/rest")) {
            try await api.repository(RepositorySlug(owner: "o", name: "r"))
        }
    }
}
