import Testing

@testable import BuildActionCore

@Suite("Registry web pages for the summary")
struct RegistryWebPageTests {
    @Test(arguments: [
        ("openim/openkf-server", "https://hub.docker.com/r/openim/openkf-server/tags"),
        ("busybox", "https://hub.docker.com/_/busybox"),
        ("ghcr.io/openimsdk/openkf-server", "https://ghcr.io/openimsdk/openkf-server"),
        ("registry.cn-hangzhou.aliyuncs.com/openimsdk/openkf-server", "https://cr.console.aliyun.com/repository/cn-hangzhou/openimsdk/openkf-server/images"),
    ])
    func knownRegistries(_ name: String, _ url: String) throws {
        #expect(RegistryWebPage.url(for: try ImageReference.normalized(name)) == url)
    }

    @Test func otherRegistriesHaveNone() throws {
        #expect(RegistryWebPage.url(for: try ImageReference.normalized("127.0.0.1:5001/a/b")) == nil)
    }
}
