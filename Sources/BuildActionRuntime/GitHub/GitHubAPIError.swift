import BuildActionCore
import DockerMetadata

/// A failed request to GitHub's REST API. The messages are Octokit's (the metadata step reports
/// them as a `MetadataError`, word for word as docker/metadata-action does); the hint is ours.
public enum GitHubAPIError: Error, Equatable, Sendable, CustomStringConvertible, HintedError {
    /// `GITHUB_API_URL` plus the path is no URL; the text that is not.
    case invalidURL(String)
    /// The API could not be reached: Node's or this client's wording, and the API root.
    case unreachable(message: String, baseURL: String)
    /// The API answered outside 2xx: the status and Octokit's message for the answer.
    case status(Int, message: String)
    /// A commit without a committer date.
    case noCommitDate

    /// Octokit's message.
    public var description: String {
        switch self {
        case .invalidURL(let url): "Invalid URL: \(url)"
        case .unreachable(let message, _), .status(_, let message): message
        case .noCommitDate: "Committer date not found"
        }
    }

    /// How to fix it.
    public var hint: String? {
        switch self {
        case .invalidURL: "GITHUB_API_URL must be an http(s) URL."
        case .unreachable(_, let baseURL): "The GitHub API at \(baseURL) could not be reached."
        case .status(401, _): "The github-token input was refused: pass ${{ github.token }} or a valid token."
        case .status(403, _): "The token may lack read access to the repository, or the API rate limit was hit."
        case .status(404, _): "The repository is not visible to the token: check GITHUB_REPOSITORY and the token's access."
        case .status(let status, _): "The GitHub API answered HTTP \(status)."
        case .noCommitDate: nil
        }
    }
}
