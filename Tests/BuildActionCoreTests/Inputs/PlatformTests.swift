import Testing
@testable import BuildActionCore

struct PlatformTests {
    @Test(arguments: [
        ("linux/amd64", "linux/amd64", "x86_64"), ("linux/arm64", "linux/arm64", "aarch64"),
        ("linux/arm/v7", "linux/arm/v7", "arm"), ("linux/arm/v6", "linux/arm/v6", "arm"),
        ("linux/386", "linux/386", "i386"), ("linux/ppc64le", "linux/ppc64le", "ppc64le"),
        ("linux/s390x", "linux/s390x", "s390x"), ("linux/riscv64", "linux/riscv64", "riscv64"),
        ("linux/mips64le", "linux/mips64le", "mips64el"),
        ("linux/aarch64", "linux/arm64", "aarch64"), ("linux/x86_64", "linux/amd64", "x86_64"),
        ("linux/x86-64", "linux/amd64", "x86_64"), ("linux/arm64/v8", "linux/arm64", "aarch64"),
        ("linux/arm64/8", "linux/arm64", "aarch64"), ("linux/aarch64/v8", "linux/arm64", "aarch64"),
        ("linux/amd64/v1", "linux/amd64", "x86_64"), ("linux/i386", "linux/386", "i386"),
        ("linux/arm", "linux/arm/v7", "arm"), ("linux/arm/7", "linux/arm/v7", "arm"),
        ("linux/arm/6", "linux/arm/v6", "arm"), ("linux/armhf", "linux/arm/v7", "arm"),
        ("linux/armel", "linux/arm/v6", "arm"), ("LINUX/AMD64", "linux/amd64", "x86_64"),
        ("Linux/ARM/V7", "linux/arm/v7", "arm")
    ])
    func normalizesPlatforms(_ text: String, _ canonical: String, _ qemu: String) throws {
        let platform = try Platform(parsing: text)
        #expect(platform.description == canonical)
        #expect(platform.qemuArchitecture == qemu)
        #expect(platform.qemuHandlerName == "qemu-" + qemu)
        #expect(platform.os == "linux")
    }

    @Test func exposesParts() throws {
        let arm = try Platform(parsing: "linux/arm/v7")
        #expect(arm.architecture == "arm")
        #expect(arm.variant == "v7")
        #expect(Platform.linuxARM64.variant == nil)
        #expect(Platform.supported.count == 9)
    }

    static let generalFix = "Use os/arch[/variant], one of: linux/amd64, linux/arm64, linux/arm/v7, linux/arm/v6, "
        + "linux/386, linux/ppc64le, linux/s390x, linux/riscv64, linux/mips64le."

    static let invalid: [(String, String)] = [
        ("linux/amd65", #"Input `platforms`: "linux/amd65" is not a known platform. Did you mean linux/amd64?"#),
        ("linx/arm64", #"Input `platforms`: "linx/arm64" is not a known platform. Did you mean linux/arm64?"#),
        ("linux/arm46", #"Input `platforms`: "linux/arm46" is not a known platform. Did you mean linux/arm64?"#),
        ("linux/aarch46", #"Input `platforms`: "linux/aarch46" is not a known platform. Did you mean linux/arm64?"#),
        ("linux//amd64", #"Input `platforms`: "linux//amd64" is not a known platform. Did you mean linux/amd64?"#),
        ("lnux/s390", #"Input `platforms`: "lnux/s390" is not a known platform. Did you mean linux/s390x?"#),
        ("windows/amd64", #"Input `platforms`: "windows/amd64" is not a known platform. "# + generalFix),
        ("darwin/arm64", #"Input `platforms`: "darwin/arm64" is not a known platform. "# + generalFix),
        ("linux/amd64/v3/x", #"Input `platforms`: "linux/amd64/v3/x" is not a known platform. "# + generalFix),
        ("", #"Input `platforms`: "" is not a known platform. "# + generalFix),
        ("arm64", #"Input `platforms`: "arm64" has no operating system. Did you mean linux/arm64?"#),
        ("aarch64", #"Input `platforms`: "aarch64" has no operating system. Did you mean linux/arm64?"#),
        ("armhf", #"Input `platforms`: "armhf" has no operating system. Did you mean linux/arm/v7?"#),
        ("linux", #"Input `platforms`: "linux" has no architecture. Write os/arch, like linux/amd64 or linux/arm64."#),
        ("linux/amd64/v2", #"Input `platforms`: "linux/amd64/v2" has an unsupported variant for amd64. Use linux/amd64."#),
        ("linux/arm/v5", #"Input `platforms`: "linux/arm/v5" has an unsupported variant for arm. Use linux/arm/v7 or linux/arm/v6."#),
        ("linux/arm/v8", #"Input `platforms`: "linux/arm/v8" has an unsupported variant for arm. Use linux/arm/v7 or linux/arm/v6."#),
        ("linux/arm64/v9", #"Input `platforms`: "linux/arm64/v9" has an unsupported variant for arm64. Use linux/arm64."#)
    ]

    @Test(arguments: invalid)
    func rejectsUnknownPlatforms(_ text: String, _ message: String) {
        #expect(throws: InputError.self) { try Platform(parsing: text) }
        do {
            _ = try Platform(parsing: text)
        } catch {
            #expect(error.description == message)
            #expect(error.value == text)
        }
    }
}

struct PlatformListTests {
    @Test(arguments: [
        ("linux/amd64,linux/arm64", "linux/amd64,linux/arm64"),
        ("linux/amd64\nlinux/arm64", "linux/amd64,linux/arm64"),
        (" linux/amd64 , linux/arm64 ,\n linux/amd64 ", "linux/amd64,linux/arm64"),
        ("linux/aarch64,linux/arm64", "linux/arm64"),
        ("linux/arm64,linux/amd64", "linux/arm64,linux/amd64"),
        ("linux/amd64,,linux/arm64,", "linux/amd64,linux/arm64"),
        ("linux/arm\r\nlinux/armhf\r\nlinux/arm/v6", "linux/arm/v7,linux/arm/v6"),
        ("\tlinux/386\u{A0}", "linux/386")
    ])
    func parsesLists(_ text: String, _ expected: String) throws {
        let list = try PlatformList(parsing: text)
        #expect(list.description == expected)
        #expect(list.platforms.map(\.description) == expected.split(separator: ",").map(String.init))
    }

    @Test(arguments: [
        ("", #"Input `platforms`: "" lists no platform. List at least one, like linux/amd64,linux/arm64."#),
        (" , \n ", #"Input `platforms`: " , \n " lists no platform. List at least one, like linux/amd64,linux/arm64."#),
        ("linux/amd64,linux/amd65", #"Input `platforms`: "linux/amd65" is not a known platform. Did you mean linux/amd64?"#),
        ("linux/amd64\n  linx/arm64 ", #"Input `platforms`: "linx/arm64" is not a known platform. Did you mean linux/arm64?"#)
    ])
    func rejectsBadLists(_ text: String, _ message: String) {
        #expect(throws: InputError.self) { try PlatformList(parsing: text) }
        do {
            _ = try PlatformList(parsing: text)
        } catch {
            #expect(error.description == message)
        }
    }
}
