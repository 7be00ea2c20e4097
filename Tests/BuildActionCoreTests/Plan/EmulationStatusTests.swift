import Testing

@testable import BuildActionCore

@Suite("Emulation status (tonistiigi/binfmt's JSON)")
struct EmulationStatusTests {
    @Test func parsesStatusAndFindsMissingPlatforms() throws {
        let output = """
            {
              "supported": [
                "linux/amd64",
                "linux/386"
              ],
              "emulators": null
            }
            """
        let status = try #require(EmulationStatus(output: output))
        #expect(status.supported == ["linux/amd64", "linux/386"])
        #expect(status.emulators.isEmpty)
        let missing = status.missing(try PlatformList(parsing: "linux/amd64,linux/arm64,linux/arm/v7"))
        #expect(missing.map(\.description) == ["linux/arm64", "linux/arm/v7"])
        #expect(EmulationStatus.installArgument(missing) == "arm64,linux/arm/v7")
    }

    @Test func statusAfterInstallLinesOnStderrOrStdout() throws {
        let status = try #require(EmulationStatus(output: "installing: arm64 OK\n{\"supported\":[\"linux/amd64\",\"linux/arm64\"],\"emulators\":[\"qemu-aarch64\"]}\n"))
        #expect(status.missing(try PlatformList(parsing: "linux/amd64,linux/arm64")).isEmpty)
        #expect(status.emulators == ["qemu-aarch64"])
    }

    @Test(arguments: ["", "error: operation not permitted\ncannot mount binfmt_misc filesystem", "{\"emulators\":[]}", "{not json"])
    func noStatusWithoutTheDocument(_ output: String) {
        #expect(EmulationStatus(output: output) == nil)
    }
}
