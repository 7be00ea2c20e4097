/// What metadata-action reads of `GET /repos/{owner}/{repo}`: the data behind the OCI labels
/// and the default branch for `type=edge`.
import JavaScriptCompat

public struct RepositoryInfo: Sendable, Equatable {
    /// `name` (the `org.opencontainers.image.title` label).
    public var name: String?
    /// `description`.
    public var description: String?
    /// `html_url` (the `url` and `source` labels).
    public var htmlURL: String?
    /// `license.spdx_id`.
    public var licenseSPDX: String?
    /// `default_branch`.
    public var defaultBranch: String?

    /// A repository from its parts.
    public init(name: String? = nil, description: String? = nil, htmlURL: String? = nil, licenseSPDX: String? = nil, defaultBranch: String? = nil) {
        self.name = name
        self.description = description
        self.htmlURL = htmlURL
        self.licenseSPDX = licenseSPDX
        self.defaultBranch = defaultBranch
    }

    /// The fields of the REST API's repository object; JavaScript's `value || ''` applies later,
    /// so falsy members read as absent.
    public init(json: JSONValue) {
        func text(_ value: JSONValue?) -> String? {
            guard let value, value.isTruthy else { return nil }
            return value.javaScriptString
        }
        self.init(
            name: text(json["name"]),
            description: text(json["description"]),
            htmlURL: text(json["html_url"]),
            licenseSPDX: text(json["license"]?["spdx_id"]),
            defaultBranch: json["default_branch"].flatMap { $0.isDefined ? $0.javaScriptString : nil })
    }
}
