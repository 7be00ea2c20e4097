import BuildActionCore
import Foundation
import JavaScriptCompat
import Testing

@testable import BuildActionRuntime

/// The real environment that scripts/env/setup-environment.sh starts: the engine, buildx and
/// the local registries, described by `$OKF_ENV_DIR/env.json`. A missing environment is a
/// test failure, never a skip.
struct TestEnvironment: Sendable {
    struct Registry: Sendable {
        let name: String
        let host: String
        let auth: String
        let username: String?
        let passwordFile: String?
        /// Everything env.json says of it (storage, front, proxy, token log, ...).
        let details: JSONValue

        var login: RegistryCredentials? {
            guard let username, let passwordFile,
                let password = try? String(contentsOfFile: passwordFile, encoding: .utf8)
            else { return nil }
            return RegistryCredentials(registry: host, username: username, password: password.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    let registries: [String: Registry]

    static let stateDirectory = ProcessInfo.processInfo.environment["OKF_ENV_DIR"] ?? "/var/lib/openkf-test-env"

    static func load() throws -> TestEnvironment {
        let path = stateDirectory + "/env.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TestEnvironmentError("no test environment at \(path): run scripts/env/setup-environment.sh (make test does)")
        }
        let json = try JSONValue(parsing: data)
        guard case .object(let members)? = json["registries"] else { throw TestEnvironmentError("\(path) has no registries") }
        var registries: [String: Registry] = [:]
        for (name, value) in members {
            registries[name] = Registry(
                name: name, host: value["host"]?.stringValue ?? "", auth: value["auth"]?.stringValue ?? "none",
                username: value["username"]?.stringValue, passwordFile: value["password_file"]?.stringValue, details: value)
        }
        return TestEnvironment(registries: registries)
    }

    func registry(_ name: String) throws -> Registry {
        guard let registry = registries[name] else { throw TestEnvironmentError("the test environment has no registry \(name)") }
        return registry
    }
}

/// The test environment is missing or incomplete, or a docker command of a test failed.
struct TestEnvironmentError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The runtime's DockerSession for tests: a failing command throws with its stderr.
struct DockerCLI: Sendable {
    let session: DockerSession

    static func make() throws -> DockerCLI {
        DockerCLI(session: try DockerSession.open(home: NSTemporaryDirectory(), runner: SystemProcessRunner()))
    }

    @discardableResult
    func run(_ arguments: [String]) async throws -> CommandResult {
        try check(await session.run(arguments), arguments.joined(separator: " "))
    }

    func login(_ registry: TestEnvironment.Registry) async throws {
        guard let login = registry.login else { return }
        try check(await session.login(login, host: registry.host), "login \(registry.host)")
    }

    /// Deletes the private configuration (no logout: the directory holds the only login).
    func remove() { try? FileManager.default.removeItem(atPath: session.configDirectory) }

    @discardableResult
    private func check(_ result: CommandResult, _ what: String) throws -> CommandResult {
        guard result.status == 0 else { throw TestEnvironmentError("docker \(what) failed (\(result.status)): \(result.standardError)") }
        return result
    }
}
