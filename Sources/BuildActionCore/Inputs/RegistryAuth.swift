/// The `registry-auth` input (docker/login-action's format), parsed with `YAMLSubsetParser`:
///
/// ```yaml
/// - registry: ghcr.io            # optional, default docker.io
///   username: octocat
///   password: ghp_example
/// - username: openim              # Docker Hub
///   password: "dckr_pat_example"
/// ```
///
/// Keys: `registry`, `username`, `password` (both required) and `ecr` (accepted, ignored,
/// with a warning). An entry whose password is empty is skipped with a warning (secrets are
/// empty in pull requests from forks). Errors always show the value as `***` and never
/// include text from the document.
public struct RegistryAuth: Sendable, Equatable {
    /// The keys an entry may have.
    public static let keys = ["registry", "username", "password", "ecr"]

    /// The usable credentials, in input order, at most one per registry.
    public let credentials: [RegistryCredentials]
    /// Warnings to print (ignored `ecr` keys, skipped entries); they never contain values.
    public let warnings: [String]

    /// Parses `text`; an empty or comment-only text yields no credentials.
    /// - Parameter input: the input name used in errors and warnings (default `registry-auth`).
    public init(parsing text: String, input: String = "registry-auth") throws(InputError) {
        let document: YAMLSubsetDocument
        do {
            document = try YAMLSubsetParser.parse(text)
        } catch {
            throw RegistryAuth.inputError(error, input: input)
        }
        var reader = RegistryAuthReader(input: input)
        for entry in document.entries {
            do {
                try reader.add(entry)
            } catch {
                throw RegistryAuth.inputError(error, input: input)
            }
        }
        credentials = reader.credentials
        warnings = reader.warnings
    }

    private static func inputError(_ error: YAMLSubsetError, input: String) -> InputError {
        InputError.secret(input: input, reason: "has \(error.problem) on line \(error.line)", fix: error.fix)
    }
}
