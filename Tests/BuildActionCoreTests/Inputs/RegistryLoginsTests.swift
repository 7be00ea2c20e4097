import Testing
@testable import BuildActionCore

struct RegistryLoginsTests {
    static let secret = "S3cr3t-Pl4nt"

    @Test func mergesShortcutsInOrder() throws {
        let logins = try RegistryLogins(RegistryLoginInputs(
            dockerHubUsername: " openim ", dockerHubPassword: "hub\n",
            aliyunUsername: "ali", aliyunPassword: "acr",
            ghcrUsername: "octocat", ghcrPassword: "ghp"))
        #expect(logins.credentials == [
            RegistryCredentials(registry: "docker.io", username: "openim", password: "hub"),
            RegistryCredentials(registry: "registry.cn-hangzhou.aliyuncs.com", username: "ali", password: "acr"),
            RegistryCredentials(registry: "ghcr.io", username: "octocat", password: "ghp")
        ])
        #expect(logins.warnings.isEmpty)
    }

    @Test(arguments: [
        ("index.docker.io", "docker.io"), ("registry-1.docker.io", "docker.io"), ("", "docker.io"),
        ("DOCKER.IO", "docker.io"), ("GHCR.io", "ghcr.io"), ("registry.cn-beijing.aliyuncs.com", "registry.cn-beijing.aliyuncs.com")
    ])
    func looksUpByCanonicalRegistry(_ query: String, _ registry: String) throws {
        let logins = try RegistryLogins(RegistryLoginInputs(
            dockerHubUsername: "u", dockerHubPassword: "p",
            aliyunRegistry: "Registry.CN-Beijing.aliyuncs.com ", aliyunUsername: "a", aliyunPassword: "b",
            ghcrUsername: "g", ghcrPassword: "h"))
        #expect(logins.credentials(for: query)?.registry == registry)
        #expect(logins.credentials(for: "quay.io") == nil)
        #expect(logins.credentials(for: "registry.cn-hangzhou.aliyuncs.com") == nil)
    }

    @Test func shortcutsCanNameAnotherHost() throws {
        let logins = try RegistryLogins(RegistryLoginInputs(
            dockerHubRegistry: " 127.0.0.1:5001 ", dockerHubUsername: "u", dockerHubPassword: "p",
            ghcrRegistry: "containers.github.example.com", ghcrUsername: "g", ghcrPassword: "h"))
        #expect(logins.credentials == [
            RegistryCredentials(registry: "127.0.0.1:5001", username: "u", password: "p"),
            RegistryCredentials(registry: "containers.github.example.com", username: "g", password: "h")
        ])
        #expect(logins.credentials(for: "docker.io") == nil)
        #expect(logins.credentials(for: "ghcr.io") == nil)
    }

    @Test func registryAuthReplacesShortcutsInPlace() throws {
        let logins = try RegistryLogins(RegistryLoginInputs(
            registryAuth: "- registry: quay.io\n  username: q\n  password: r\n- registry: ghcr.io\n  username: bot\n  password: tok",
            dockerHubUsername: "u", dockerHubPassword: "p", ghcrUsername: "octocat", ghcrPassword: "ghp"))
        #expect(logins.credentials == [
            RegistryCredentials(registry: "docker.io", username: "u", password: "p"),
            RegistryCredentials(registry: "ghcr.io", username: "bot", password: "tok"),
            RegistryCredentials(registry: "quay.io", username: "q", password: "r")
        ])
        #expect(logins.warnings == ["registry-auth: the entry for ghcr.io replaces the ghcr-username/password inputs."])
    }

    @Test func registryAuthDockerHubAliasReplacesDockerHubShortcut() throws {
        let logins = try RegistryLogins(RegistryLoginInputs(
            registryAuth: "- registry: registry-1.docker.io\n  username: bot\n  password: tok",
            dockerHubUsername: "u", dockerHubPassword: "p"))
        #expect(logins.credentials == [RegistryCredentials(registry: "docker.io", username: "bot", password: "tok")])
        #expect(logins.warnings == ["registry-auth: the entry for docker.io replaces the dockerhub-username/password inputs."])
    }

    @Test func skipsMissingPasswordsWithWarnings() throws {
        let logins = try RegistryLogins(RegistryLoginInputs(
            registryAuth: "- registry: quay.io\n  username: q\n  password:",
            dockerHubUsername: "openim", dockerHubPassword: "  ", ghcrUsername: "octocat"))
        #expect(logins.credentials.isEmpty)
        #expect(logins.warnings == [
            "`dockerhub-password` is empty, so the login to docker.io is skipped (secrets are empty in pull requests from forks).",
            "`ghcr-password` is empty, so the login to ghcr.io is skipped (secrets are empty in pull requests from forks).",
            "registry-auth: the entry on line 1 has an empty password and is skipped (secrets are empty in pull requests from forks)."
        ])
    }

    @Test func emptyInputsMeanNoLogins() throws {
        let logins = try RegistryLogins(RegistryLoginInputs(aliyunRegistry: ""))
        #expect(logins.credentials.isEmpty)
        #expect(logins.warnings.isEmpty)
    }

    static let invalid: [(RegistryLoginInputs, String)] = [
        (RegistryLoginInputs(ghcrPassword: secret),
         #"Input `ghcr-username`: "" is empty while `ghcr-password` is set. Set `ghcr-username` too, or leave both empty to skip the login to ghcr.io."#),
        (RegistryLoginInputs(dockerHubUsername: " ", dockerHubPassword: secret),
         #"Input `dockerhub-username`: " " is empty while `dockerhub-password` is set. Set `dockerhub-username` too, or leave both empty to skip the login to docker.io."#),
        (RegistryLoginInputs(aliyunUsername: "a", aliyunPassword: secret + "\nline2"),
         #"Input `aliyun-password`: "***" contains a line break or control character. Store the password or token as a single line."#),
        (RegistryLoginInputs(ghcrUsername: "my user", ghcrPassword: secret),
         #"Input `ghcr-username`: "my user" contains whitespace or control characters. Write the user name on one line without spaces."#),
        (RegistryLoginInputs(aliyunRegistry: "https://registry.cn-beijing.aliyuncs.com", aliyunUsername: "a", aliyunPassword: secret),
         #"Input `aliyun-registry`: "https://registry.cn-beijing.aliyuncs.com" includes a URL scheme. Write the host only, like registry.cn-hangzhou.aliyuncs.com."#),
        (RegistryLoginInputs(aliyunRegistry: "registry..aliyuncs.com"),
         #"Input `aliyun-registry`: "registry..aliyuncs.com" is not a registry host. Write host[:port], like registry.cn-hangzhou.aliyuncs.com."#),
        (RegistryLoginInputs(dockerHubRegistry: "http://127.0.0.1:5001", dockerHubUsername: "u", dockerHubPassword: secret),
         #"Input `dockerhub-registry`: "http://127.0.0.1:5001" includes a URL scheme. Write the host only, like docker.io."#),
        (RegistryLoginInputs(ghcrRegistry: "containers example.com"),
         #"Input `ghcr-registry`: "containers example.com" is not a registry host. Write host[:port], like ghcr.io."#),
        (RegistryLoginInputs(registryAuth: "- username: u\n  password: {\(secret)}"),
         #"Input `registry-auth`: "***" has a flow mapping (`{ }`) on line 2. Use block style, one `key: value` per line; quote a value that starts with `{`."#)
    ]

    @Test(arguments: invalid)
    func rejectsBadShortcuts(_ inputs: RegistryLoginInputs, _ message: String) {
        #expect(throws: InputError.self) { try RegistryLogins(inputs) }
        do {
            _ = try RegistryLogins(inputs)
        } catch {
            #expect(error.description == message)
            #expect(!error.description.contains(Self.secret))
        }
    }
}
