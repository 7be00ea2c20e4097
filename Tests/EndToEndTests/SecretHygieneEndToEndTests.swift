import BuildActionCore
import Foundation
import Testing

@testable import BuildActionRuntime

/// No password in any process's argv while a real run (logins, build, push) is going on:
/// every /proc/<pid>/cmdline is sampled every few milliseconds for the whole run.
@Suite("Secrets stay out of argv", .serialized)
struct SecretHygieneEndToEndTests {
    final class Sampler: @unchecked Sendable {
        private let lock = NSLock()
        private var stop = false
        private var found: [String] = []
        private(set) var samples = 0
        let secrets: [String]
        init(secrets: [String]) { self.secrets = secrets }

        func start() -> Thread {
            let thread = Thread { [self] in
                while !lock.withLock({ stop }) {
                    for pid in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where pid.allSatisfy(\.isNumber) {
                        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { continue }
                        let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
                        for secret in secrets where line.contains(secret) { lock.withLock { found.append(line) } }
                    }
                    lock.withLock { samples += 1 }
                    usleep(5_000)
                }
            }
            thread.start()
            return thread
        }

        func finish() -> (found: [String], samples: Int) {
            lock.withLock {
                stop = true
                return (found, samples)
            }
        }
    }

    @Test func noPasswordInAnyCommandLine() async throws {
        let environment = try TestEnvironment.load()
        let registries = try ["dockerhub", "token"].map(environment.registry)
        let passwords = registries.compactMap { $0.login?.password }
        #expect(passwords.count == 2)
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: [:], inputs: [
            "images": registries.map { "\($0.host)/okf-e2e/argv-\(ProcessInfo.processInfo.processIdentifier)" }.joined(separator: "\n"),
            "tags": "type=ref,event=branch", "registry-auth": BuildCommandEndToEndTests.registryAuth(registries),
            "secrets": "npmrc=\(passwords[0])-npm",
            // the notifier's URL and signing secret are masked and never written anywhere either
            "notify-webhook": "http://127.0.0.1:1/hooks/T0KEN-in-the-url", "notify-webhook-format": "feishu",
            "notify-webhook-secret": "feishu-signing-SECRET",
        ])
        try EventsEndToEndTests.copyExamples(into: run.workspace)
        let sampler = Sampler(secrets: passwords + ["T0KEN-in-the-url", "feishu-signing-SECRET"])
        _ = sampler.start()
        let result = try await run.run()
        let (found, samples) = sampler.finish()
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(samples > 10, "the sampler did not run during the build")
        #expect(found.isEmpty, "a password was in a command line: \(found.first ?? "")")
        for secret in passwords + ["T0KEN-in-the-url", "feishu-signing-SECRET"] {
            #expect(!run.writtenText().contains(secret), "a secret in the outputs, env or summary")
            let log = (try? String(contentsOfFile: run.workspace + "/.openkf-build/build-log.jsonl", encoding: .utf8)) ?? ""
            #expect(!log.contains(secret), "a secret in the log file")
            #expect(result.standardOutput.split(separator: "\n").allSatisfy { !$0.contains(secret) || $0.hasPrefix("::add-mask::") })
        }
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: run.environment["HOME", default: ""] + "/.openkf-build")) ?? []
        #expect(leftovers.isEmpty, "files left behind: \(leftovers)")
    }

    /// A token passed as a build argument (not through `secrets`): warned about, and the log's
    /// recorded command line holds `GITHUB_TOKEN=***`, not the value.
    @Test func credentialInABuildArgumentIsWarnedAboutAndKeptOutOfTheLog() async throws {
        let token = "ghs_BuildArgToken\(ProcessInfo.processInfo.processIdentifier)x"
        let run = try ActionRun(event: "push", ref: "refs/heads/main", payload: ["ref": "refs/heads/main", "repository": ["default_branch": "main"]], inputs: [
            "images": "localhost:5000/okf-e2e/build-arg-\(ProcessInfo.processInfo.processIdentifier)", "tags": "type=ref,event=branch",
            "push": "false", "platforms": "linux/amd64", "build-args": "VERSION=1.2.3\nGITHUB_TOKEN=\(token)",
        ])
        try run.writeDockerfile()
        let result = try await run.run()
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("::warning::build-args: GITHUB_TOKEN looks like a credential."), "\(result.standardOutput)")
        let log = try String(contentsOfFile: run.workspace + "/.openkf-build/build-log.jsonl", encoding: .utf8)
        #expect(log.contains("--build-arg GITHUB_TOKEN=***") && log.contains("--build-arg VERSION=1.2.3"), "\(log)")
        #expect(!log.contains(token), "the log holds the token")
    }
}
