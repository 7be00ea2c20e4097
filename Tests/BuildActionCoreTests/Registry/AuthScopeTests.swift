import Testing

@testable import BuildActionCore

@Suite("Token scopes: what a request needs merged with what a challenge names")
struct AuthScopeTests {
    @Test func pushCoversPull() {
        #expect(AuthScope.push("a/b").covers(.pull("a/b")))
        #expect(!AuthScope.pull("a/b").covers(.push("a/b")))
        #expect(!AuthScope.push("a/b").covers(.pull("a/c")))
        #expect(AuthScope.push("a/b").covers(.none))
    }

    /// GHCR's challenge for a blob HEAD names only pull; a push still asks for pull,push.
    @Test func challengeNeverNarrowsTheRequest() {
        let merged = AuthScope.push("openimsdk/openkf-server").merging(AuthScope(parsing: "repository:openimsdk/openkf-server:pull"))
        #expect(merged.queryValues == ["repository:openimsdk/openkf-server:pull,push"])
    }

    /// A mount needs pull on the source as well; the challenge may add other resources.
    @Test func mountScopeAndExtraResources() {
        let mount = AuthScope.push("o/server").merging(.pull("o/web"))
        let merged = mount.merging(AuthScope(parsing: "repository:o/server:pull registry:catalog:* repository:o/web:pull"))
        #expect(merged.queryValues == ["registry:catalog:*", "repository:o/server:pull,push", "repository:o/web:pull"])
        #expect(merged.covers(mount))
        #expect(merged.description == "registry:catalog:* repository:o/server:pull,push repository:o/web:pull")
    }

    @Test(arguments: ["", "nonsense", "repository::pull", "repository:a/b:", ":a:pull"])
    func malformedItemsAreLeftOut(_ text: String) {
        #expect(AuthScope(parsing: text) == .none)
    }

    @Test func namesWithPortsAndColons() {
        #expect(AuthScope(parsing: "repository:host:5000/a/b:pull").queryValues == ["repository:host:5000/a/b:pull"])
    }
}
