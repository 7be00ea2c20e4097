import BuildActionCore
import Foundation

/// The builder step: the engine's builder, a docker-container builder, or a remote BuildKit.
extension BuildCommand {
    /// Uses the engine's builder when it can build several platforms (containerd image store),
    /// else creates a docker-container builder, recorded in GITHUB_STATE for the post step.
    func prepareBuilder(session: DockerSession, endpoint: String? = nil, tls: RemoteBuilderTLS? = nil, buildkitImage: String? = nil,
                        log: OperationLog) async throws -> BuilderChoice {
        let started = Date()
        let runID = BuilderChoice.runID(githubRunID: runnerEnvironment.runID, processID: ProcessInfo.processInfo.processIdentifier)
        if let remote = try BuilderChoice.remote(endpoint: endpoint, runID: runID) {
            return try await create(remote, session: session, tls: try tls.map { try tlsFiles($0, session: session) }, started: started, log: log)
        }
        let info = try await session.run(["info", "--format", "{{json .DriverStatus}}"])
        guard info.status == 0 else {
            throw ActionError(.builder, "The Docker engine does not answer (docker info: \(Self.lastLines(info.standardError, count: 3))). Is /var/run/docker.sock mounted?")
        }
        let choice = BuilderChoice.decide(driverStatus: info.standardOutput, runID: runID)
        log.record(phase: .builder, operation: "docker info", started: started, status: info.status, detail: choice == .engine ? "engine builder (containerd image store)" : "docker-container builder needed")
        return try await create(choice, session: session, buildkitImage: buildkitImage, started: started, log: log)
    }

    /// The remote builder's certificates and key in 0600 files of the private configuration
    /// (deleted with it): buildx reads files, and argv never holds their contents.
    func tlsFiles(_ tls: RemoteBuilderTLS, session: DockerSession) throws -> RemoteBuilderTLS.Files {
        func file(_ name: String, _ pem: String) throws -> String {
            try session.secretFile(named: name, value: pem.hasSuffix("\n") ? pem : pem + "\n")
        }
        return RemoteBuilderTLS.Files(ca: try file("builder-tls-ca", tls.ca), cert: try tls.cert.map { try file("builder-tls-cert", $0) },
                                      key: try tls.key.map { try file("builder-tls-key", $0) }, serverName: tls.serverName)
    }

    /// Creates `choice`'s builder (recorded in GITHUB_STATE, so the post step removes it).
    private func create(_ choice: BuilderChoice, session: DockerSession, buildkitImage: String? = nil, tls: RemoteBuilderTLS.Files? = nil,
                        started: Date, log: OperationLog) async throws -> BuilderChoice {
        if let create = choice.createArguments(buildkitImage: buildkitImage, tls: tls), let name = choice.buildName {
            if let state = runnerEnvironment.stateFile {
                try FileCommands.append(FileCommands.block(name: "builder", value: name) + FileCommands.block(name: "docker-config", value: session.configDirectory), to: state)
            }
            let created = try await session.run(create)
            log.record(phase: .builder, operation: "buildx create", started: started, status: created.status, command: Command("docker", create))
            guard created.status == 0 else {
                throw ActionError(.builder, "Creating the builder failed: \(Self.lastLines(created.standardError))")
            }
        }
        return choice
    }
}
