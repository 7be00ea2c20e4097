import DockerMetadata
import Testing
@testable import BuildActionCore

/// SplitMix64: a small seeded generator so every run sees the same inputs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random inputs mixing YAML punctuation, quotes, escapes, Unicode and control characters.
struct InputFuzzer {
    static let secret = "Zq9SECRETpl4nt"
    static let pieces: [String] = [
        "-", "- ", " ", "  ", "    ", ":", ": ", "#", " #", "'", "''", "\"", "\\", "\\u", "\\uD83D", "\\U0001F600",
        "\\x4", "\\n", "{", "}", "[", "]", ",", "&a", "*a", "!!str", "|", ">", "? ", "%", "@", "`", "---", "...",
        "\n", "\r\n", "\r", "\t", "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{2028}", "\u{FEFF}", "\u{A0}",
        "é", "😀", "中", "e\u{301}", "registry", "username", "password", "ecr", "registry: ", "username: ",
        "password: ", "ghcr.io", "docker.io", "localhost:5000", "/", ".", "_", "__", "=", "linux", "amd64",
        "arm", "v7", "/v8", "A", "z", "0", "9", "true", "auto", "FALSE", "x86_64", "aarch64", "@sha256:", ":v1"
    ]

    var generator: SeededGenerator

    mutating func noise(maxPieces: Int = 24) -> String {
        let count = Int.random(in: 0...maxPieces, using: &generator)
        return (0..<count).map { _ in InputFuzzer.pieces.randomElement(using: &generator) ?? "" }.joined()
    }

    /// A platform list whose items are known spellings or noise.
    mutating func platformList() -> String {
        let spellings = ["linux/amd64", "linux/arm64", "LINUX/AARCH64", " linux/arm ", "linux/x86_64", "linux/arm/v6"]
        let count = Int.random(in: 0...4, using: &generator)
        return (0..<count).map { _ in
            Int.random(in: 0..<3, using: &generator) == 0 ? noise(maxPieces: 3)
                : spellings.randomElement(using: &generator) ?? ""
        }.joined(separator: Bool.random(using: &generator) ? "," : "\n")
    }

    /// A registry-auth-like document with the secret planted intact as a password somewhere.
    mutating func yamlWithSecret() -> String {
        let quote = ["", "'", "\"", "\"\\t", "[", "&x ", "|\n    "].randomElement(using: &generator) ?? ""
        let lines = ["- registry: " + noise(maxPieces: 3), "  username: " + noise(maxPieces: 3),
                     "  password: " + quote + InputFuzzer.secret + noise(maxPieces: 4)]
        var text = lines.joined(separator: Bool.random(using: &generator) ? "\n" : "\r\n")
        if Bool.random(using: &generator) { text = noise(maxPieces: 8) + text }
        if Bool.random(using: &generator) { text += noise(maxPieces: 8) }
        return text
    }
}

struct GeneratedInputTests {
    static let iterations = 5_000
    static let timeLimit = Duration.seconds(10)

    private func run(seed: UInt64, _ body: (inout InputFuzzer) -> Void) -> Duration {
        var fuzzer = InputFuzzer(generator: SeededGenerator(state: seed))
        return ContinuousClock().measure {
            for _ in 0..<Self.iterations { body(&fuzzer) }
        }
    }

    @Test func imageAndTagReferencesSurviveNoise() {
        var accepted = 0
        let elapsed = run(seed: 1) { fuzzer in
            let text = fuzzer.noise(maxPieces: 8)
            if let reference = try? ImageReference.normalized(text) {
                accepted += 1
                #expect((try? ImageReference(parsing: reference.canonicalName)) == reference)
            }
            if let tagged = try? TagReference(parsing: text) {
                #expect((try? TagReference(parsing: tagged.canonicalName)) == tagged)
            }
        }
        #expect(elapsed < Self.timeLimit)
        #expect(accepted > 0)
    }

    @Test func platformListsSurviveNoise() {
        var accepted = 0
        let elapsed = run(seed: 2) { fuzzer in
            let text = fuzzer.platformList()
            do throws(InputError) {
                let list = try PlatformList(parsing: text)
                accepted += 1
                #expect((try? PlatformList(parsing: list.description)) == list)
            } catch {
                #expect(!error.reason.isEmpty && !error.fix.isEmpty)
            }
        }
        #expect(elapsed < Self.timeLimit)
        #expect(accepted > 0)
    }

    @Test func booleansAndKeyValuesSurviveNoise() {
        let elapsed = run(seed: 3) { fuzzer in
            let text = fuzzer.noise()
            _ = try? ActionBoolean.parse(text, input: "pull")
            _ = try? PushMode.parse(text)
            if let list = try? KeyValueList(parsing: text, input: "labels") {
                let again = try? KeyValueList(parsing: list.assignments.joined(separator: "\n"), input: "labels")
                #expect(again?.assignments == list.assignments)
            }
        }
        #expect(elapsed < Self.timeLimit)
    }

    @Test func secretListsNeverEchoSecrets() {
        var failures = 0
        let elapsed = run(seed: 4) { fuzzer in
            let text = fuzzer.noise(maxPieces: 6) + "=" + InputFuzzer.secret + fuzzer.noise(maxPieces: 6)
                + fuzzer.noise(maxPieces: 6) + InputFuzzer.secret
            do throws(InputError) {
                _ = try SecretList(parsing: text)
            } catch {
                failures += 1
                #expect(!error.description.contains(InputFuzzer.secret))
                #expect(error.value == "***")
            }
        }
        #expect(elapsed < Self.timeLimit)
        #expect(failures > 0)
    }

    @Test func registryAuthNeverEchoesSecrets() {
        var failures = 0, successes = 0
        let elapsed = run(seed: 5) { fuzzer in
            let text = Bool.random(using: &fuzzer.generator) ? fuzzer.yamlWithSecret()
                : fuzzer.noise(maxPieces: 30) + InputFuzzer.secret + fuzzer.noise(maxPieces: 10)
            do throws(InputError) {
                let auth = try RegistryAuth(parsing: text)
                successes += 1
                #expect(!auth.warnings.joined().contains(InputFuzzer.secret))
                #expect(!auth.credentials.map(\.description).joined().contains(InputFuzzer.secret))
            } catch {
                failures += 1
                #expect(!error.description.contains(InputFuzzer.secret))
                #expect(error.value == "***")
            }
        }
        #expect(elapsed < Self.timeLimit)
        #expect(failures > 0 && successes > 0)
    }

    @Test func registryLoginsNeverEchoSecrets() {
        let elapsed = run(seed: 6) { fuzzer in
            let secretish = fuzzer.noise(maxPieces: 3) + InputFuzzer.secret + fuzzer.noise(maxPieces: 3)
            let inputs = RegistryLoginInputs(
                registryAuth: Bool.random(using: &fuzzer.generator) ? fuzzer.yamlWithSecret() : "",
                dockerHubUsername: fuzzer.noise(maxPieces: 2), dockerHubPassword: secretish,
                aliyunRegistry: fuzzer.noise(maxPieces: 2), aliyunUsername: fuzzer.noise(maxPieces: 2),
                aliyunPassword: secretish, ghcrUsername: fuzzer.noise(maxPieces: 2), ghcrPassword: secretish)
            do throws(InputError) {
                let logins = try RegistryLogins(inputs)
                #expect(!logins.warnings.joined().contains(InputFuzzer.secret))
            } catch {
                #expect(!error.description.contains(InputFuzzer.secret))
            }
        }
        #expect(elapsed < Self.timeLimit)
    }

    /// Every build input at once, noise everywhere, the secret planted in the secret inputs
    /// (webhook URL and signing secret included): parsing never crashes, hangs or echoes it.
    @Test func wholeBuildInputsNeverEchoSecrets() {
        let names = ["platforms", "build-args", "pull", "no-cache", "push", "summary", "retries", "retry-delay",
                     "continue-on-registry-error", "no-attestations-registries", "allow-overwrite", "notify-issue",
                     "notify-webhook-format", "dockerhub-registry", "ghcr-registry", "aliyun-registry", "cache-from", "target"]
        let elapsed = run(seed: 7) { fuzzer in
            var environment: [String: String] = ["GITHUB_ACTOR": "bot"]
            for name in names where Bool.random(using: &fuzzer.generator) {
                environment[ActionInputReader.variableName(name)] = fuzzer.noise(maxPieces: 6)
            }
            let planted = fuzzer.noise(maxPieces: 2) + InputFuzzer.secret + fuzzer.noise(maxPieces: 2)
            for name in ["notify-webhook", "notify-webhook-secret", "secrets", "dockerhub-password", "registry-auth"] where Bool.random(using: &fuzzer.generator) {
                environment[ActionInputReader.variableName(name)] = name == "notify-webhook" && Bool.random(using: &fuzzer.generator)
                    ? "https://hooks.example.com/" + planted : name == "registry-auth" ? fuzzer.yamlWithSecret() : planted
            }
            do throws(InputError) {
                let inputs = try BuildActionInputs(environment: environment)
                #expect(!inputs.logins.warnings.joined().contains(InputFuzzer.secret))
            } catch {
                #expect(!error.description.contains(InputFuzzer.secret))
            }
        }
        #expect(elapsed < Self.timeLimit)
    }
}
