/// An image repository name as written in the `images` input (no tag, no digest),
/// split the way the docker reference grammar does.
///
/// The first `/`-separated component is the registry host when it contains `.` or `:`
/// or is `localhost`; otherwise the registry is `docker.io`, and a single-component
/// Docker Hub name gets the `library/` prefix. `index.docker.io` is read as `docker.io`.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry host, like `docker.io`, `ghcr.io` or `127.0.0.1:5001`.
    public let registry: String
    /// The repository path inside the registry, like `openim/openkf-server` or `library/busybox`.
    public let repository: String

    /// Parses `text` strictly: upper-case letters are rejected with the lower-cased suggestion.
    /// - Parameter input: the input name used in errors (default `images`).
    public init(parsing text: String, input: String = "images") throws(InputError) {
        self = try ImageReference.parse(text, input: input, shown: text, suffix: "")
    }

    /// Lower-cases ASCII letters first (as the metadata engine does), then parses strictly.
    public static func normalized(_ text: String, input: String = "images") throws(InputError) -> ImageReference {
        try ImageReference(parsing: InputText.asciiLowercased(text), input: input)
    }

    /// The full name, registry included: `docker.io/library/busybox`, `ghcr.io/openimsdk/openkf`.
    public var canonicalName: String { "\(registry)/\(repository)" }

    /// The short form docker prints: Docker Hub names lose `docker.io/` and `library/`.
    public var familiarName: String {
        guard registry == RegistryHost.dockerHub else { return canonicalName }
        let library = "library/"
        if repository.hasPrefix(library), !repository.dropFirst(library.count).contains("/") {
            return String(repository.dropFirst(library.count))
        }
        return repository
    }

    /// Whether the registry is a loopback host (localhost, 127.0.0.0/8, ::1), with or without port.
    public var isLoopback: Bool { RegistryHost.isLoopback(registry) }

    /// The canonical name (see `canonicalName`).
    public var description: String { canonicalName }

    /// Shared parser: `shown` is the value quoted in errors and `suffix` (like `:tag`) is
    /// appended to the lower-case suggestion.
    static func parse(_ text: String, input: String, shown: String, suffix: String) throws(InputError) -> ImageReference {
        func fail(_ reason: String, _ fix: String) -> InputError {
            InputError(input: input, value: shown, reason: reason, fix: fix)
        }
        try checkShape(text, fail: fail, suffix: suffix)
        let (domain, remainder) = splitDomain(text)
        try checkTagAndDomain(domain: domain, remainder: remainder, fail: fail)
        let registry = domain ?? RegistryHost.dockerHub
        let repository = registry == RegistryHost.dockerHub && !remainder.contains("/")
            ? "library/" + remainder : remainder
        try checkPath(repository, fail: fail)
        let reference = ImageReference(registry: registry, repository: repository)
        let length = reference.canonicalName.unicodeScalars.count
        if length > ReferenceGrammar.maximumNameLength {
            throw fail("is \(length) characters long with its registry, over the limit of 255",
                       "Use a shorter repository name.")
        }
        return reference
    }

    private init(registry: String, repository: String) {
        self.registry = registry
        self.repository = repository
    }

    private static func checkShape(_ text: String, fail: (String, String) -> InputError, suffix: String) throws(InputError) {
        if text.isEmpty {
            throw fail("is empty", "Write an image name like openim/openkf-server or ghcr.io/openimsdk/openkf-server.")
        }
        if text.unicodeScalars.contains(where: { InputText.isJSWhitespace($0) || InputText.isControl($0) }) {
            throw fail("contains whitespace or control characters", "Write the image name without spaces.")
        }
        if let scheme = text.firstRange(of: "://") {
            throw fail("includes a URL scheme", "Remove `\(text[..<scheme.upperBound])`: write host/path, like ghcr.io/openimsdk/openkf-server.")
        }
        if InputText.hasASCIIUppercase(text) {
            let lower = InputText.asciiLowercased(text) + suffix
            throw fail("contains upper-case letters", "Repository names must be lower-case: use \(InputError.quoted(lower)).")
        }
        if let at = text.firstIndex(of: "@") {
            throw fail("includes a digest", "Remove `\(text[at...])`: this input takes repository names only.")
        }
    }

    private static func splitDomain(_ text: String) -> (String?, String) {
        guard let slash = text.firstIndex(of: "/") else { return (nil, text) }
        let first = text[..<slash]
        guard first.contains(".") || first.contains(":") || first == "localhost" else { return (nil, text) }
        let domain = first == "index.docker.io" ? RegistryHost.dockerHub : String(first)
        return (domain, String(text[text.index(after: slash)...]))
    }

    private static func checkTagAndDomain(domain: String?, remainder: String,
                                          fail: (String, String) -> InputError) throws(InputError) {
        if let colon = remainder.firstIndex(of: ":") {
            throw fail("includes a tag", "Remove `\(remainder[colon...])`: tags come from the `tags` input.")
        }
        if let domain, !RegistryHost.isValid(domain) {
            throw fail("has an invalid registry host", "Write the registry as host[:port], like ghcr.io or localhost:5000.")
        }
    }

    private static func checkPath(_ repository: String, fail: (String, String) -> InputError) throws(InputError) {
        for component in repository.split(separator: "/", omittingEmptySubsequences: false) {
            if component.isEmpty {
                throw fail("has an empty path component", "Remove the extra `/`.")
            }
            if !ReferenceGrammar.isValidPathComponent(component) {
                throw fail("has an invalid path component `\(component)`",
                           "Use lower-case letters and digits, separated by `.`, `_`, `__` or dashes.")
            }
        }
    }
}
