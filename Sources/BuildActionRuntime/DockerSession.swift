import BuildActionCore
import Foundation

/// The docker CLI with a private configuration directory (0700, under `$HOME` so that the post
/// step's container sees it): logins take passwords on stdin only, and `close` logs out and
/// deletes the directory.
public struct DockerSession: Sendable {
    /// The private `DOCKER_CONFIG`.
    public let configDirectory: String
    let runner: any ProcessRunner

    /// Creates the private directory under `home`.
    public static func open(home: String, runner: any ProcessRunner) throws -> DockerSession {
        let base = home + "/.openkf-build"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let directory = try TemporaryDirectory.make(in: base, prefix: "docker-config-")
        return DockerSession(configDirectory: directory, runner: runner)
    }

    /// Runs `docker --config DIR arguments...`.
    public func run(_ arguments: [String], input: Data? = nil) throws -> CommandResult {
        try runner.run(Command("docker", ["--config", configDirectory] + arguments), input: input)
    }

    /// Runs `docker --config DIR arguments...`, streaming its output lines.
    public func runStreaming(_ arguments: [String], line: @escaping @Sendable (String) -> Void) throws -> CommandResult {
        try runner.runStreaming(Command("docker", ["--config", configDirectory] + arguments), line: line)
    }

    /// `docker login --password-stdin`.
    public func login(_ credentials: RegistryCredentials, host: String) throws -> CommandResult {
        try run(["login", "--username", credentials.username, "--password-stdin", host], input: Data(credentials.password.utf8))
    }

    /// A file readable only by this user, in the private directory, holding `value`.
    public func secretFile(named name: String, value: String) throws -> String {
        let path = configDirectory + "/secret-" + name.map { $0.isLetter || $0.isNumber ? $0 : "_" }.reduce("") { $0 + String($1) }
        guard FileManager.default.createFile(atPath: path, contents: Data(value.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw RuntimeError("cannot write a secret file in \(configDirectory)")
        }
        return path
    }

    /// Logs out of `hosts` and deletes the private directory.
    public func close(loggingOutOf hosts: [String]) {
        for host in hosts { _ = try? run(["logout", host]) }
        try? FileManager.default.removeItem(atPath: configDirectory)
    }
}
