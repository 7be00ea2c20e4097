import BuildActionCore

/// Why a failure notification could not be sent (the notifier only warns). The webhook URL is
/// never quoted: it usually holds the service's token.
public enum NotifierError: Error, Equatable, Sendable, CustomStringConvertible, HintedError {
    /// The webhook message's URL does not parse.
    case invalidWebhookURL
    /// The webhook answered with a status outside 2xx.
    case webhookStatus(Int)
    /// `GITHUB_REPOSITORY` is unset or empty (nil), or not `owner/repo` (the value).
    case noRepository(String?)

    /// What went wrong.
    public var description: String {
        switch self {
        case .invalidWebhookURL: "the webhook URL is not a URL"
        case .webhookStatus(let status): "the webhook answered \(status)"
        case .noRepository(nil): "GITHUB_REPOSITORY is not set"
        case .noRepository(let value?): "GITHUB_REPOSITORY \(InputError.quoted(value)) is not owner/repo"
        }
    }

    /// How to fix it.
    public var hint: String? {
        switch self {
        case .invalidWebhookURL, .webhookStatus: "Check the notify-webhook URL (and its token) and notify-webhook-format."
        case .noRepository: "Run inside GitHub Actions, or set GITHUB_REPOSITORY to owner/repo."
        }
    }
}
