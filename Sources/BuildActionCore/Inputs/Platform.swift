/// A target platform `os/arch[/variant]` from the supported Linux set, normalized the way
/// containerd's `platforms.Normalize` does (`linux/aarch64` → `linux/arm64`,
/// `linux/x86_64` → `linux/amd64`, `linux/arm64/v8` → `linux/arm64`, `linux/arm` → `linux/arm/v7`).
public struct Platform: Sendable, Hashable, CustomStringConvertible {
    /// The operating system, always `linux` for supported platforms.
    public let os: String
    /// The normalized architecture, like `amd64`, `arm64`, `arm` or `386`.
    public let architecture: String
    /// The variant, like `v7` for `linux/arm/v7`, or nil.
    public let variant: String?

    /// `linux/amd64`.
    public static let linuxAMD64 = Platform(os: "linux", architecture: "amd64", variant: nil)
    /// `linux/arm64`.
    public static let linuxARM64 = Platform(os: "linux", architecture: "arm64", variant: nil)

    /// The platform this binary was compiled for: the runner's, since the action image is
    /// built on the runner that starts it.
    public static var host: Platform {
        #if arch(arm64)
        return .linuxARM64
        #else
        return .linuxAMD64
        #endif
    }

    /// Every supported platform, most common first.
    public static let supported: [Platform] = [
        linuxAMD64, linuxARM64,
        Platform(os: "linux", architecture: "arm", variant: "v7"),
        Platform(os: "linux", architecture: "arm", variant: "v6"),
        Platform(os: "linux", architecture: "386", variant: nil),
        Platform(os: "linux", architecture: "ppc64le", variant: nil),
        Platform(os: "linux", architecture: "s390x", variant: nil),
        Platform(os: "linux", architecture: "riscv64", variant: nil),
        Platform(os: "linux", architecture: "mips64le", variant: nil)
    ]

    /// Parses one `os/arch[/variant]` specifier (case-insensitive), normalizing aliases.
    /// - Parameter input: the input name used in errors (default `platforms`).
    public init(parsing text: String, input: String = "platforms") throws(InputError) {
        self = try PlatformResolver(text: text, input: input).resolve()
    }

    /// Creates a platform from already-normalized parts (not validated).
    init(os: String, architecture: String, variant: String?) {
        self.os = os
        self.architecture = architecture
        self.variant = variant
    }

    /// The specifier buildx takes, like `linux/arm/v7`.
    public var description: String {
        [os, architecture, variant].compactMap { $0 }.joined(separator: "/")
    }

    /// The QEMU architecture name: amd64 → x86_64, arm64 → aarch64, arm → arm, 386 → i386,
    /// mips64le → mips64el, others unchanged.
    public var qemuArchitecture: String {
        switch architecture {
        case "amd64": return "x86_64"
        case "arm64": return "aarch64"
        case "386": return "i386"
        case "mips64le": return "mips64el"
        default: return architecture
        }
    }

    /// The binfmt_misc handler name QEMU registers, like `qemu-aarch64`.
    public var qemuHandlerName: String { "qemu-" + qemuArchitecture }
}
