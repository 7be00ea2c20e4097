import BuildActionCore
import Foundation

/// The emulation step: the platforms that do not run get their QEMU emulator registered.
extension BuildCommand {
    /// The default `qemu-image`, pinned by digest (see `BuildActionInputs.defaultQEMUImage`).
    public static let defaultQEMUImage = BuildActionInputs.defaultQEMUImage

    /// Finds out for real which requested platforms run (a privileged `qemu-image` container
    /// executes a program for each) and registers the missing emulators with `--install`. A
    /// handler registered without the F flag runs on the host but not in containers: it is
    /// replaced (`--uninstall` then `--install`) when a plain install does not help.
    func ensureEmulation(_ platforms: PlatformList, image: String, session: DockerSession, log: OperationLog) async throws {
        func status(_ extra: [String], operation: String) async throws -> EmulationStatus {
            let started = Date()
            let arguments = ["run", "--rm", "--privileged", image] + extra
            let result = try await session.run(arguments)
            log.record(phase: .emulation, operation: operation, started: started, status: result.status, command: Command("docker", arguments))
            guard result.status == 0, let parsed = EmulationStatus(output: result.standardOutput) else {
                throw ActionError(.emulation, "The emulation probe (docker run --privileged \(image)) failed: \(Self.lastLines(result.standardError + result.standardOutput, count: 5)). Check the qemu-image input and that the engine allows privileged containers.")
            }
            return parsed
        }
        var current = try await status([], operation: "probe")
        var missing = current.missing(platforms)
        if missing.isEmpty {
            commands.info("Emulation: \(platforms.description) all run (\(current.supported.joined(separator: ", ")))")
            return
        }
        let install = EmulationStatus.installArgument(missing)
        commands.notice("Registering QEMU emulation for \(missing.map(\.description).joined(separator: ", ")) with \(image)")
        current = try await status(["--install", install], operation: "install \(install)")
        missing = current.missing(platforms)
        if !missing.isEmpty {
            let again = EmulationStatus.installArgument(missing)
            current = try await status(["--uninstall", again, "--install", again], operation: "reinstall \(again)")
            missing = current.missing(platforms)
        }
        guard missing.isEmpty else {
            log.record(phase: .emulation, operation: "check \(missing.map(\.description).joined(separator: ","))", started: Date(), status: 1,
                       detail: "still missing after install and reinstall; the emulator reports \(current.supported.joined(separator: ", "))")
            throw ActionError(.emulation, "Emulation for \(missing.map(\.description).joined(separator: ", ")) could not be registered with \(image) (it reports \(current.supported.joined(separator: ", "))). Use a runner of that architecture, or drop it from platforms.")
        }
    }
}
