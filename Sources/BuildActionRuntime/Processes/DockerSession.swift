import BuildActionCore
import Foundation

/// The docker CLI with a private configuration directory (0700, under `$HOME` so that the post
/// step's container sees it): logins take passwords on stdin only, and `close` logs out and
/// deletes the directory.
public struct DockerSession: Sendable {
    /// The private `DOCKER_CONFIG`.
    public let configDirectory: String
    let runner: any ProcessRunner

    /// Where the private directories live: `home/.openkf-build`.
    public static func baseDirectory(home: String) -> String { home + "/.openkf-build" }

    /// The prefix of each private directory's name (`mkdtemp` adds six letters and digits).
    static let configPrefix = "docker-config-"

    /// Creates the private directory under `home`.
    public static func open(home: String, runner: any ProcessRunner) throws -> DockerSession {
        let base = baseDirectory(home: home)
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let directory = try TemporaryDirectory.make(in: base, prefix: configPrefix)
        return DockerSession(configDirectory: directory, runner: runner)
    }

    /// Whether `path` has the form `open` gives a private directory under `home`: the base
    /// directory, `/docker-config-`, then letters and digits (no `..`, no other directory).
    public static func isConfigDirectoryPath(_ path: String, home: String) -> Bool {
        let prefix = baseDirectory(home: home) + "/" + configPrefix
        guard path.hasPrefix(prefix) else { return false }
        let suffix = path.utf8.dropFirst(prefix.utf8.count)
        return (1...32).contains(suffix.count) && suffix.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// Runs `docker --config DIR arguments...`.
    public func run(_ arguments: [String], input: Data? = nil) async throws -> CommandResult {
        try await runner.run(Command("docker", ["--config", configDirectory] + arguments), input: input)
    }

    /// Runs `docker --config DIR arguments...` (in `workingDirectory`, when given), streaming its
    /// output lines.
    public func runStreaming(_ arguments: [String], workingDirectory: String? = nil, line: @Sendable (String) -> Void) async throws -> CommandResult {
        try await runner.runStreaming(Command("docker", ["--config", configDirectory] + arguments, workingDirectory: workingDirectory), line: line)
    }

    /// `docker login --password-stdin`.
    public func login(_ credentials: RegistryCredentials, host: String) async throws -> CommandResult {
        try await run(["login", "--username", credentials.username, "--password-stdin", host], input: Data(credentials.password.utf8))
    }

    /// A file readable only by this user, in the private directory, holding `value`.
    public func secretFile(named name: String, value: String) throws -> String {
        try privateFile(named: "secret-" + name.map { $0.isLetter || $0.isNumber ? $0 : "_" }.reduce("") { $0 + String($1) }, contents: value)
    }

    /// A file readable only by this user, in the private directory (its name made safe).
    public func privateFile(named name: String, contents value: String) throws -> String {
        let path = configDirectory + "/" + name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }.reduce("") { $0 + String($1) }
        guard FileManager.default.createFile(atPath: path, contents: Data(value.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ActionFileError.secretFile(directory: configDirectory)
        }
        return path
    }

    /// Logs out of `hosts` and deletes the private directory.
    public func close(loggingOutOf hosts: [String]) async {
        for host in hosts { _ = try? await run(["logout", host]) }
        try? FileManager.default.removeItem(atPath: configDirectory)
    }
}
