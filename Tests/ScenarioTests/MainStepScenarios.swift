import BuildActionCore
import Foundation
import Testing

/// The main step (`BuildCommand`) in process, one row per behaviour the README promises:
/// the real command over a fake docker CLI, in-memory registries and GitHub behind its HTTP
/// transport, a fixed clock and a temporary workspace. No docker, no root, no network.
/// Run with `swift test --filter Scenarios`; re-record the golden summaries with
/// `RECORD_SCENARIOS=1 swift test --filter Scenarios`.
@Suite("Main step scenarios")
struct MainStepScenarios {
    static let table: [Scenario] = ScenarioTable.events + ScenarioTable.badInputs + ScenarioTable.builds + ScenarioTable.smokeTests + ScenarioTable.registries
        + ScenarioTable.releases + ScenarioTable.modes + ScenarioTable.reports

    @Test(arguments: table)
    func scenario(_ row: Scenario) async throws {
        let world = try ScenarioWorld(faults: row.faults)
        for title in row.openIssues { world.network.github.open(title: title, labels: ["openkf-build-failure"]) }
        var earlier: [JobResult] = []
        for job in row.before {
            let result = try await world.run(job)
            try #require(result.status == 0, "an earlier job of \(row.name) failed: \(result.errors)")
            earlier.append(result)
        }
        let seen = world.network.registries.map(\.requests.count)
        let result = try await world.run(row.job)
        let requests = zip(world.network.registries, seen).flatMap { registry, count in registry.requests.dropFirst(count) }
        let outcome = ScenarioOutcome(world: world, result: result, earlier: earlier, requests: requests)
        Self.checkInvariants(row, outcome)
        try Self.checkExpectations(row, outcome)
        if let issue = row.knownIssue {
            withKnownIssue(Comment(rawValue: issue.comment)) { try issue.check(outcome) }
        }
    }

    /// What every run must do whatever the row: secrets only on stdin and in `::add-mask::`
    /// (masked before anything else is printed), in no argv, output, summary, log or state;
    /// every login logged out, every created builder removed, the private docker
    /// configuration deleted.
    static func checkInvariants(_ row: Scenario, _ outcome: ScenarioOutcome) {
        let result = outcome.result
        let secrets = secretValues(of: row.job)
        let invocations = result.docker.invocations
        for invocation in invocations {
            let line = invocation.arguments.joined(separator: " ")
            for secret in secrets { #expect(!line.contains(secret), "a secret in the argv of docker \(invocation.arguments.first ?? "")") }
        }
        for login in invocations where login.arguments.first == "login" {
            #expect(login.arguments.contains("--password-stdin"))
            #expect(secrets.contains(login.input?.trimmingCharacters(in: .newlines) ?? ""), "docker login without its password on stdin")
            if login.status == 0, let host = login.arguments.last {
                #expect(invocations.contains { $0.arguments == ["logout", host] }, "no logout of \(host)")
            }
        }
        for create in invocations where create.arguments.starts(with: ["buildx", "create"]) {
            let name = create.arguments[(create.arguments.firstIndex(of: "--name") ?? 0) + 1]
            #expect(invocations.contains { $0.arguments == ["buildx", "rm", "--force", name] }, "builder \(name) not removed")
        }
        // Inputs that cannot be read stop the run before anything is masked; their errors hide
        // secret values (checked below with every other line). A shortcut password no login
        // used (replaced by registry-auth) is not required to be masked here (see its row).
        let masking = result.stdout.contains { $0.hasPrefix("::add-mask::") }
        let firstOther = result.stdout.firstIndex { !$0.hasPrefix("::add-mask::") } ?? result.stdout.count
        let loginPasswords = Set(invocations.compactMap { $0.arguments.first == "login" ? $0.input : nil })
        let unused = Set(["dockerhub-password", "aliyun-password", "ghcr-password"].compactMap { row.job.inputs[$0] }).subtracting(loginPasswords)
        let replaced = (row.job.inputs["registry-auth"] ?? "").isEmpty ? [] : unused
        for secret in secrets {
            if masking && !replaced.contains(secret) {
                let mask = result.stdout.firstIndex(of: "::add-mask::" + secret)
                #expect(mask.map { $0 < firstOther } == true, "a secret not masked before the first line")
            }
            #expect(result.stdout.allSatisfy { !$0.contains(secret) || $0.hasPrefix("::add-mask::") }, "a secret printed")
            for (what, text) in [("outputs", result.outputs.values.joined(separator: "\n")), ("summary", result.summary), ("log", result.logText),
                                 ("state", result.state), ("env", result.exported)] {
                #expect(!text.contains(secret), "a secret in the \(what)")
            }
        }
        #expect(result.leftovers.isEmpty, "the private docker configuration was left behind: \(result.leftovers)")
    }

    /// The row's own expectations.
    static func checkExpectations(_ row: Scenario, _ outcome: ScenarioOutcome) throws {
        let expect = row.expect, result = outcome.result
        #expect(result.status == expect.status, "exit status; errors: \(result.errors)")
        for (name, value) in expect.outputs.sorted(by: { $0.key < $1.key }) {
            #expect(result.outputs[name] == value, "output \(name)")
        }
        if let expected = expect.publications {
            let actual = result.registries
            #expect(Set(actual.keys) == Set(expected.keys), "image names in the registries output")
            for (image, publication) in expected.sorted(by: { $0.key < $1.key }) {
                let entry = actual[image]
                #expect(entry?["status"] as? String == publication.status, "\(image): status")
                #expect(entry?["attestations"] as? Bool == publication.attestations, "\(image): attestations")
                if let error = publication.error {
                    #expect((entry?["error"] as? String)?.contains(error) == true, "\(image): error \(entry?["error"] ?? "none")")
                }
            }
        }
        for (image, tags) in expect.registryTags.sorted(by: { $0.key < $1.key }) {
            let reference = try ImageReference.normalized(image)
            let registry = outcome.world.registry(reference.registry)
            let served = registry.tags(in: reference.repository)
            #expect(Set(served.keys) == tags, "tags of \(image)")
            guard let entry = result.registries[image], entry["status"] as? String == "pushed", let digest = entry["digest"] as? String else { continue }
            for tag in tags.sorted() { #expect(served[tag] == digest, "\(image):\(tag) serves another digest than the registries output says") }
            if let manifest = registry.manifest(reference.repository, digest) {
                let parsed = try ImageManifest(parsing: manifest.data, headerType: manifest.mediaType)
                #expect(parsed.entries.contains(where: \.isAttestation) == (entry["attestations"] as? Bool), "\(image): attestations served")
            } else {
                Issue.record("\(image): the registry does not have \(digest)")
            }
        }
        if let errors = expect.errors { #expect(result.errors == errors) }
        for line in expect.lines { #expect(result.stdout.contains(line), "missing line: \(line)") }
        for prefix in expect.linePrefixes { #expect(result.stdout.contains { $0.hasPrefix(prefix) }, "no line starting: \(prefix)") }
        if let phases = expect.phases { #expect(result.phases == phases) }
        if let retries = expect.retries { #expect(result.retries.count == retries, "retries: \(result.retries.map(\.operation))") }
        if expect.nothingWritten {
            let writes = outcome.requests.filter { ["POST", "PUT", "PATCH", "DELETE"].contains($0.method) }
            #expect(writes.isEmpty, "registry writes: \(writes.map { "\($0.method) \($0.target)" })")
        }
        if expect.summary {
            GoldenFile.check(normalizedSummary(result.summary, world: outcome.world), name: row.name + ".md")
        } else {
            #expect(result.summary.isEmpty, "a step summary was written")
        }
        try expect.check?(outcome)
    }

    /// The summary with what varies between runs replaced: phase durations, temporary paths,
    /// the place of `retry` in the phase table (phases appear as first recorded, and a retry
    /// may be recorded before or after the first registry finished its push), and which blob
    /// an upload failure names (three go at once; the first to fail is reported).
    static func normalizedSummary(_ summary: String, world: ScenarioWorld) -> String {
        let text = summary.replacingOccurrences(of: world.root, with: "$TMP")
            .replacing(#/\| [0-9]+\.[0-9] s \|/#, with: "| N s |")
            .replacing(#/docker-config-[A-Za-z0-9]{6}/#, with: "docker-config-XXXXXX")
            .replacing(#/the upload of sha256:[0-9a-f]{64} was stored as sha256:[0-9a-f]{64}/#, with: "the upload of sha256:BLOB was stored as sha256:OTHER")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let retry = lines.firstIndex(of: "| retry | N s |") {
            lines.remove(at: retry)
            let end = lines[retry...].firstIndex { !$0.hasPrefix("| ") } ?? lines.endIndex
            lines.insert("| retry | N s |", at: end)
        }
        return lines.joined(separator: "\n")
    }

    /// The secret values a job's inputs carry (passwords, tokens, webhook, build secrets).
    static func secretValues(of job: ScenarioJob) -> [String] {
        let inputs = job.inputs
        var values = ["dockerhub-password", "aliyun-password", "ghcr-password", "notify-webhook", "notify-webhook-secret"].compactMap { inputs[$0] }
        values.append(inputs["github-token"] ?? ScenarioJob.jobToken)
        for line in (inputs["registry-auth"] ?? "").split(separator: "\n") where line.contains("password:") {
            values.append(String(line.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'\"")))
        }
        for line in (inputs["secrets"] ?? "").split(separator: "\n") {
            if let equals = line.firstIndex(of: "=") { values.append(String(line[line.index(after: equals)...])) }
        }
        return Array(Set(values.filter { $0.count >= 8 })).sorted()
    }
}
