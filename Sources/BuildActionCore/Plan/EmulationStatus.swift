import Foundation
import JavaScriptCompat

/// What tonistiigi/binfmt (the `qemu-image`) reports with no arguments: the platforms that
/// really run (it executes a tiny program for each), and the registered emulators.
/// BuildKit's own platform list is no probe: it only grows, and lies once a handler is gone.
public struct EmulationStatus: Sendable, Equatable {
    /// Platforms that run, like `linux/arm64`.
    public let supported: [String]
    /// Registered binfmt handlers, like `qemu-aarch64`.
    public let emulators: [String]

    /// Parses the JSON status document; nil when the output holds none (binfmt prints no JSON
    /// when it cannot mount binfmt_misc, i.e. without `--privileged`).
    public init?(output: String) {
        guard let start = output.firstIndex(of: "{"), let json = try? JSONValue(parsing: Data(output[start...].utf8)) else { return nil }
        func strings(_ key: String) -> [String]? {
            switch json[key] {
            case .array(let items)?: return items.compactMap(\.stringValue)
            case .null?: return []
            default: return nil
            }
        }
        guard let supported = strings("supported") else { return nil }
        self.supported = supported
        self.emulators = strings("emulators") ?? []
    }

    /// The requested platforms that do not run.
    public func missing(_ platforms: PlatformList) -> [Platform] {
        platforms.platforms.filter { !supported.contains($0.description) }
    }

    /// The `--install` value for `platforms` (binfmt's architecture names, comma-separated).
    public static func installArgument(_ platforms: [Platform]) -> String {
        platforms.map { platform in
            platform.variant.map { "\(platform.architecture)/\($0)" }.map { "linux/\($0)" } ?? platform.architecture
        }.joined(separator: ",")
    }
}
