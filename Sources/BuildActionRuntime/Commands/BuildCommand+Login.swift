import BuildActionCore
import Foundation
import OCIRegistry

/// The login step: `docker login` to every registry with credentials, passwords on stdin.
extension BuildCommand {
    /// Logs in to every registry with credentials. Returns the failures by registry (they cost
    /// only their own registry when pushing); throws when the run cannot go on (a failed login
    /// while not pushing, or every registry refused).
    func loginAll(_ logins: [String: RegistryCredentials], targets: [Target], session: DockerSession, inputs: BuildActionInputs,
                  pushing: Bool, log: OperationLog) async throws -> [String: String] {
        var failures: [String: String] = [:]
        for (registry, credential) in logins.sorted(by: { $0.key < $1.key }) {
            guard let failure = try await login(credential, registry: registry, session: session, policy: inputs.retryPolicy, log: log) else { continue }
            guard pushing else { throw ActionError(.login, failure) }
            failures[registry] = failure
        }
        if !failures.isEmpty && targets.allSatisfy({ failures[$0.reference.registry] != nil }) {
            throw ActionError(.login, messages: failures.values.sorted())
        }
        return failures
    }

    /// `docker login` (password on stdin), again on transient failures; the failure message, or nil.
    func login(_ credential: RegistryCredentials, registry: String, session: DockerSession, policy: RetryPolicy, log: OperationLog) async throws -> String? {
        let result = try await Retrying(policy: policy).run(command: "docker login", isTransient: { result in
            let output = Self.lastLines(result.standardError, count: 3)
            return Self.isTransientPushFailure(output) || output.contains("connection refused")
        }, announce: { retry in
            let output = Self.lastLines(retry.failure.standardError, count: 3)
            commands.warning("Login to \(registry) failed (\(output)); retrying in \(String(format: "%.1f", retry.delay)) s (attempt \(retry.attempt + 1) of \(retry.attempts)).")
        }) { attempt in
            let started = Date()
            let result = try await session.login(credential, host: registry)
            log.record(phase: .login, operation: "docker login", started: started, status: result.status,
                       command: Command("docker", ["login", "--username", credential.username, "--password-stdin", registry]), registry: registry,
                       detail: attempt > 1 ? "attempt \(attempt)" : nil)
            return result
        }
        guard result.status == 0 else { return "Login to \(registry) as \(credential.username) failed: \(Self.lastLines(result.standardError, count: 3))" }
        commands.info("Logged in to \(registry) as \(credential.username)")
        return nil
    }

    /// The image names whose registry refused the login, as failed publications with a hint.
    func loginFailurePublications(_ failures: [String: String], targets: [Target]) -> [Publication] {
        targets.compactMap { target in
            guard let failure = failures[target.reference.registry] else { return nil }
            return Publication(target: target, failure: failure,
                               hint: PublishFailureHint.hint(registry: target.reference.registry, status: LoginFailure.status(failure), message: failure))
        }
    }

    /// `publications` in the order of `targets` (the images input's order).
    func sorted(_ publications: [Publication], like targets: [Target]) -> [Publication] {
        publications.sorted { a, b in (targets.firstIndex { $0.name == a.target.name } ?? 0) < (targets.firstIndex { $0.name == b.target.name } ?? 0) }
    }
}
