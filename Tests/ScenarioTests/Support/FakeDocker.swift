import BuildActionRuntime
import Foundation

/// The docker CLI 28 with buildx, answering by argument list what `BuildCommand` runs:
/// `login` (the password must come on stdin: it is checked against the registry), `logout`,
/// `info --format {{json .DriverStatus}}`, the `qemu-image` emulation probe and install,
/// `buildx create`/`rm` and `buildx build` (see `FakeBuildKit`), the engine's image store
/// (`--load`, `image rm`). Anything else fails loudly. `/bin/sh` (the smoke test) runs for
/// real, with only PATH and the command's variables. Every invocation is recorded for the
/// assertions.
final class FakeDocker: ProcessRunner, @unchecked Sendable {
    /// How the machine behind the CLI is set up.
    struct Machine: Sendable {
        /// The engine uses the containerd image store (its own builder builds several platforms).
        var containerdStore = true
        /// Emulation of foreign platforms.
        var emulation = Emulation.registered
        /// Builds that fail before running (a registry failing while base images are pulled),
        /// by their stderr, used one per build in order.
        var failingBuilds: [String] = []
    }

    /// Whether foreign platforms execute.
    enum Emulation: Sendable {
        /// QEMU is registered with the F flag: every platform runs.
        case registered
        /// Only the host's platform runs until `--install` registers the rest.
        case missing
        /// `--install` reports success but nothing changes (a handler without the F flag).
        case unfixable
    }

    /// One run of the CLI.
    struct Invocation: Sendable {
        /// The arguments after `docker --config DIR`.
        let arguments: [String]
        /// The private configuration directory given with `--config`.
        let configDirectory: String?
        /// What came on stdin.
        let input: String?
        /// The exit status it answered.
        let status: Int32
    }

    /// What a build saw while it ran (the secret files are gone once the run ends).
    struct BuildRecord: Sendable {
        let arguments: BuildxArguments
        /// Each `--secret` file: its permissions and content.
        let secretFiles: [String: (mode: Int, content: String)]
        let status: Int32
    }

    /// One smoke test script run: the variables it got and how it ended.
    struct ScriptRun: Sendable {
        let environment: [String: String?]
        let workingDirectory: String?
        let status: Int32
    }

    /// The host's architecture.
    static let hostPlatform = "linux/amd64"

    private let lock = NSLock()
    private var machine: Machine
    private var emulated: Bool
    private var builders: Set<String> = []
    private var recorded: [Invocation] = []
    private var recordedBuilds: [BuildRecord] = []
    private var store: [String: String] = [:]
    private var recordedScripts: [ScriptRun] = []
    private let clock: Date
    private let login: @Sendable (_ host: String, _ username: String, _ password: String) -> String?

    /// A CLI on `machine` whose builds start at `clock`; `login` answers nil for accepted
    /// credentials, else the daemon's error text.
    init(machine: Machine, clock: Date, login: @escaping @Sendable (String, String, String) -> String?) {
        self.machine = machine
        self.clock = clock
        self.login = login
        emulated = machine.emulation == .registered
    }

    /// Every invocation so far.
    var invocations: [Invocation] { lock.withLock { recorded } }
    /// Every `buildx build` so far.
    var builds: [BuildRecord] { lock.withLock { recordedBuilds } }
    /// The engine's images: each tag and the platform of the image it names.
    var images: [String: String] { lock.withLock { store } }
    /// Every script run so far.
    var scripts: [ScriptRun] { lock.withLock { recordedScripts } }

    func run(_ command: Command, input: Data?) async throws -> CommandResult {
        if command.executable == "/bin/sh" {
            let result = try await SystemProcessRunner(environment: ["PATH": "/usr/bin:/bin"]).run(command, input: input)
            lock.withLock { recordedScripts.append(ScriptRun(environment: command.environment, workingDirectory: command.workingDirectory, status: result.status)) }
            return result
        }
        guard command.executable == "docker" else {
            return CommandResult(status: 127, standardOutput: "", standardError: "\(command.executable): not modelled by the scenario tests")
        }
        var arguments = command.arguments[...]
        var configDirectory: String?
        if arguments.first == "--config" {
            arguments.removeFirst()
            configDirectory = arguments.popFirst()
        }
        let result = lock.withLock { answer(Array(arguments), configDirectory: configDirectory, input: input) }
        lock.withLock {
            recorded.append(Invocation(arguments: Array(arguments), configDirectory: configDirectory,
                                       input: input.map { String(decoding: $0, as: UTF8.self) }, status: result.status))
        }
        return result
    }

    private func answer(_ arguments: [String], configDirectory: String?, input: Data?) -> CommandResult {
        switch (arguments.first, arguments.dropFirst().first) {
        case ("login", _): return loginAnswer(Array(arguments.dropFirst()), configDirectory: configDirectory, input: input)
        case ("logout", _): return Self.ok("Removing login credentials for \(arguments.last ?? "")\n")
        case ("info", _):
            guard arguments == ["info", "--format", "{{json .DriverStatus}}"] else { return Self.unmodelled(arguments) }
            return Self.ok(machine.containerdStore ? #"[["driver-type","io.containerd.snapshotter.v1"]]"# + "\n"
                : #"[["Backing Filesystem","extfs"],["Supports d_type","true"],["Using metacopy","false"],["Native Overlay Diff","true"],["userxattr","false"]]"# + "\n")
        case ("run", _): return binfmt(Array(arguments.dropFirst()))
        case ("buildx", "create"): return createBuilder(Array(arguments.dropFirst(2)))
        case ("buildx", "rm"):
            guard let name = arguments.last, builders.remove(name) != nil else {
                return CommandResult(status: 1, standardOutput: "", standardError: "ERROR: no builder \"\(arguments.last ?? "")\" found\n")
            }
            return Self.ok("\(name) removed\n")
        case ("buildx", "build"): return build(Array(arguments.dropFirst(2)))
        case ("image", "rm"): return removeImages(Array(arguments.dropFirst(2)))
        default: return Self.unmodelled(arguments)
        }
    }

    /// `login --username U --password-stdin HOST`; writes config.json as the CLI does.
    private func loginAnswer(_ arguments: [String], configDirectory: String?, input: Data?) -> CommandResult {
        var username: String?, host: String?, passwordStdin = false, password: String?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--username", "-u": username = rest.popFirst()
            case "--password", "-p": password = rest.popFirst()
            case "--password-stdin": passwordStdin = true
            default: host = argument
            }
        }
        var warning = ""
        if password != nil { warning = "WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n" }
        if passwordStdin {
            guard let input, username != nil else {
                return CommandResult(status: 1, standardOutput: "", standardError: "Must provide --username with --password-stdin\n")
            }
            password = String(decoding: input, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
        guard let host, let username, let password, !password.isEmpty else {
            return CommandResult(status: 1, standardOutput: "", standardError: "Error: Cannot perform an interactive login from a non TTY device\n")
        }
        if let refusal = login(host, username, password) {
            return CommandResult(status: 1, standardOutput: "", standardError: warning + "Error response from daemon: \(refusal)\n")
        }
        if let configDirectory {
            let auth = Data("\(username):\(password)".utf8).base64EncodedString()
            let config = #"{"auths":{"\#(host)":{"auth":"\#(auth)"}}}"#
            try? Data(config.utf8).write(to: URL(fileURLWithPath: configDirectory + "/config.json"))
        }
        return CommandResult(status: 0, standardOutput: "Login Succeeded\n",
                             standardError: warning + "WARNING! Your credentials are stored unencrypted in '\(configDirectory ?? "~/.docker")/config.json'.\n")
    }

    /// tonistiigi/binfmt: prints `installing: ARCH OK` per installed emulator, then its status.
    private func binfmt(_ arguments: [String]) -> CommandResult {
        guard arguments.starts(with: ["--rm", "--privileged"]), arguments.count >= 3 else { return Self.unmodelled(["run"] + arguments) }
        let options = Array(arguments.dropFirst(3))
        var printed = ""
        if let install = options.firstIndex(of: "--install"), install + 1 < options.count {
            for name in options[install + 1].split(separator: ",") { printed += "installing: \(name) OK\n" }
            if machine.emulation == .missing { emulated = true }
        }
        let foreign = ["linux/arm64", "linux/riscv64", "linux/ppc64le", "linux/s390x", "linux/mips64le", "linux/mips64", "linux/arm/v7", "linux/arm/v6"]
        let supported = [Self.hostPlatform, "linux/amd64/v2", "linux/386"] + (emulated ? foreign : [])
        let emulators = emulated ? ["qemu-aarch64", "qemu-arm", "qemu-mips64", "qemu-mips64el", "qemu-ppc64le", "qemu-riscv64", "qemu-s390x"] : []
        func list(_ items: [String]) -> String { items.isEmpty ? "null" : "[\n" + items.map { "    \"\($0)\"" }.joined(separator: ",\n") + "\n  ]" }
        return Self.ok(printed + "{\n  \"supported\": \(list(supported)),\n  \"emulators\": \(list(emulators))\n}\n")
    }

    private func createBuilder(_ arguments: [String]) -> CommandResult {
        guard let index = arguments.firstIndex(of: "--name"), index + 1 < arguments.count else { return Self.unmodelled(["buildx", "create"] + arguments) }
        let name = arguments[index + 1]
        guard builders.insert(name).inserted else {
            return CommandResult(status: 1, standardOutput: "", standardError: "ERROR: existing instance for \"\(name)\" but no append mode, specify the node name to make changes for existing instances\n")
        }
        return CommandResult(status: 0, standardOutput: "\(name)\n", standardError: "#1 [internal] booting buildkit\n#1 DONE 1.2s\n")
    }

    private func build(_ raw: [String]) -> CommandResult {
        let arguments: BuildxArguments
        do {
            arguments = try BuildxArguments(parsing: raw)
        } catch {
            return CommandResult(status: 1, standardOutput: "", standardError: error.message + "\n")
        }
        let secrets = Dictionary(uniqueKeysWithValues: arguments.secrets.compactMap { value -> (String, (mode: Int, content: String))? in
            let attributes = BuildxArguments.attributes(value)
            guard let id = attributes["id"], let source = attributes["src"] else { return nil }
            let mode = ((try? FileManager.default.attributesOfItem(atPath: source))?[.posixPermissions] as? NSNumber)?.intValue ?? -1
            return (id, (mode, (try? String(contentsOfFile: source, encoding: .utf8)) ?? ""))
        })
        var result = buildResult(arguments)
        if result.status == 0, arguments.load {
            if arguments.platforms.count > 1, !machine.containerdStore {
                result = CommandResult(status: 1, standardOutput: "", standardError: "ERROR: docker exporter does not currently support exporting manifest lists\n")
            } else {
                for tag in arguments.tags { store[tag] = arguments.platforms.first ?? Self.hostPlatform }
            }
        }
        recordedBuilds.append(BuildRecord(arguments: arguments, secretFiles: secrets, status: result.status))
        return result
    }

    private func buildResult(_ arguments: BuildxArguments) -> CommandResult {
        if let builder = arguments.builder, !builders.contains(builder) {
            return CommandResult(status: 1, standardOutput: "", standardError: "ERROR: no builder \"\(builder)\" found\n")
        }
        if arguments.builder == nil, !machine.containerdStore, arguments.platforms.count > 1 {
            return CommandResult(status: 1, standardOutput: "", standardError: "ERROR: Multi-platform build is not supported for the docker driver.\nSwitch to a different driver, or turn on the containerd image store, and try again.\nLearn more at https://docs.docker.com/go/build-multi-platform/\n")
        }
        if arguments.push {
            return CommandResult(status: 1, standardOutput: "", standardError: "fake docker: buildx --push is not modelled (the action pushes the OCI layout itself)\n")
        }
        if !machine.failingBuilds.isEmpty {
            return CommandResult(status: 1, standardOutput: "", standardError: machine.failingBuilds.removeFirst() + "\n")
        }
        guard let context = arguments.context else { return Self.unmodelled(["buildx", "build"]) }
        let file = arguments.file ?? context + "/Dockerfile"
        guard let dockerfile = try? String(contentsOfFile: file, encoding: .utf8) else {
            return CommandResult(status: 1, standardOutput: "", standardError: "ERROR: failed to solve: failed to read dockerfile: open \((file as NSString).lastPathComponent): no such file or directory\n")
        }
        let emulated = self.emulated
        let kit = FakeBuildKit(arguments: arguments, dockerfile: dockerfile, startedAt: clock,
                               runs: { $0 == Self.hostPlatform || emulated },
                               instance: arguments.builder.map { ($0, "docker-container") } ?? ("default", "docker"))
        do {
            let outcome = try kit.run()
            return CommandResult(status: outcome.status, standardOutput: "", standardError: outcome.progress.joined(separator: "\n") + "\n")
        } catch let error as FakeDockerError {
            return CommandResult(status: 1, standardOutput: "", standardError: error.message + "\n")
        } catch {
            return CommandResult(status: 1, standardOutput: "", standardError: "ERROR: \(error)\n")
        }
    }

    /// `image rm TAG...`: untags each; a missing one fails as the daemon does.
    private func removeImages(_ tags: [String]) -> CommandResult {
        var output = "", errors = ""
        for tag in tags {
            if store.removeValue(forKey: tag) != nil {
                output += "Untagged: \(tag)\n"
            } else {
                errors += "Error response from daemon: No such image: \(tag)\n"
            }
        }
        return CommandResult(status: errors.isEmpty ? 0 : 1, standardOutput: output, standardError: errors)
    }

    private static func ok(_ output: String) -> CommandResult {
        CommandResult(status: 0, standardOutput: output, standardError: "")
    }

    private static func unmodelled(_ arguments: [String]) -> CommandResult {
        CommandResult(status: 1, standardOutput: "", standardError: "fake docker: not modelled: docker \(arguments.joined(separator: " "))\n")
    }
}
