import Testing

@testable import BuildActionCore

@Suite("No-attestation registries and release tags")
struct RegistryPatternListTests {
    @Test func matchesWildcardsAndExactHosts() throws {
        let list = try RegistryPatternList(parsing: "*.aliyuncs.com, Registry.Example.com:5000\n127.0.0.1:5002", input: "no-attestations-registries")
        #expect(list.matches("registry.cn-hangzhou.aliyuncs.com"))
        #expect(list.matches("REGISTRY.CN-BEIJING.ALIYUNCS.COM"))
        #expect(list.matches("registry.example.com:5000"))
        #expect(list.matches("127.0.0.1:5002"))
        #expect(!list.matches("127.0.0.1:5003"))
        #expect(!list.matches("ghcr.io"))
        #expect(!list.matches("aliyuncs.com.evil.example"))
        #expect(!list.matches("docker.io"))
        #expect(try RegistryPatternList(parsing: "", input: "x").patterns.isEmpty)
    }

    @Test(arguments: ["https://registry.example.com", "*", "*.", "reg istry", "**.example.com"])
    func rejectsWhatIsNotAHost(_ value: String) {
        #expect(throws: InputError.self) { try RegistryPatternList(parsing: value, input: "no-attestations-registries") }
    }

    @Test(arguments: ["1.2.3", "v1.2.3", "0.1.0", "1.2.3-rc.1", "10.20.30-alpine", "v2.0.0-beta_2"])
    func fullVersions(_ tag: String) { #expect(ReleaseTag.isFullVersion(tag)) }

    @Test(arguments: ["1.2", "1", "latest", "main", "edge", "nightly", "sha-860c190", "01.2.3", "1.2.3.4", "1.2.x", "v", "1.2.3-", "pr-42", "vv1.2.3"])
    func floatingTags(_ tag: String) { #expect(!ReleaseTag.isFullVersion(tag)) }
}
