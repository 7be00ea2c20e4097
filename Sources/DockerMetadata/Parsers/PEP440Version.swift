/// The result of @renovate/pep440 `explain(version)`. Numbers are JavaScript Numbers
/// (doubles): render them with `JavaScriptNumber.string` to get the library's text.
public struct PEP440Version: Sendable, Equatable {
    /// The epoch (`0` when absent).
    public let epoch: Double
    /// The release numbers.
    public let release: [Double]
    /// The normalized prerelease label (`a`, `b`, `rc`) and number, or nil.
    public let pre: PEP440Prerelease?
    /// The post-release number, or nil.
    public let post: Double?
    /// The development release number, or nil.
    public let dev: Double?
    /// The local version segments joined with `.` (numeric segments as numbers, others lowercased), or nil.
    public let local: String?
    /// `public`: the normalized version without its local part.
    public let publicVersion: String
    /// `base_version`: `[epoch!]release`.
    public let baseVersion: String
    /// `is_prerelease`: a pre or dev release.
    public let isPrerelease: Bool
    /// `is_devrelease`.
    public let isDevrelease: Bool
    /// `is_postrelease`.
    public let isPostrelease: Bool
}
