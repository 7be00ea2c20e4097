import Testing
@testable import BuildActionCore

struct ImageReferenceTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        let text: String, registry: String, repository: String, familiar: String, loopback: Bool
        var testDescription: String { text }
    }

    static let valid: [Valid] = [
        Valid(text: "busybox", registry: "docker.io", repository: "library/busybox", familiar: "busybox", loopback: false),
        Valid(text: "openim/openkf-server", registry: "docker.io", repository: "openim/openkf-server",
              familiar: "openim/openkf-server", loopback: false),
        Valid(text: "docker.io/openim/openkf-server", registry: "docker.io", repository: "openim/openkf-server",
              familiar: "openim/openkf-server", loopback: false),
        Valid(text: "docker.io/busybox", registry: "docker.io", repository: "library/busybox", familiar: "busybox", loopback: false),
        Valid(text: "index.docker.io/library/busybox", registry: "docker.io", repository: "library/busybox",
              familiar: "busybox", loopback: false),
        Valid(text: "docker.io/library/a/b", registry: "docker.io", repository: "library/a/b",
              familiar: "library/a/b", loopback: false),
        Valid(text: "ghcr.io/openimsdk/openkf-server", registry: "ghcr.io", repository: "openimsdk/openkf-server",
              familiar: "ghcr.io/openimsdk/openkf-server", loopback: false),
        Valid(text: "registry.cn-hangzhou.aliyuncs.com/openimsdk/openkf", registry: "registry.cn-hangzhou.aliyuncs.com",
              repository: "openimsdk/openkf", familiar: "registry.cn-hangzhou.aliyuncs.com/openimsdk/openkf", loopback: false),
        Valid(text: "127.0.0.1:5001/openkf", registry: "127.0.0.1:5001", repository: "openkf",
              familiar: "127.0.0.1:5001/openkf", loopback: true),
        Valid(text: "localhost/foo", registry: "localhost", repository: "foo", familiar: "localhost/foo", loopback: true),
        Valid(text: "localhost:5000/a/b/c", registry: "localhost:5000", repository: "a/b/c",
              familiar: "localhost:5000/a/b/c", loopback: true),
        Valid(text: "127.9.8.7:80/x", registry: "127.9.8.7:80", repository: "x", familiar: "127.9.8.7:80/x", loopback: true),
        Valid(text: "128.0.0.1/x", registry: "128.0.0.1", repository: "x", familiar: "128.0.0.1/x", loopback: false),
        Valid(text: "localhostx/foo", registry: "docker.io", repository: "localhostx/foo", familiar: "localhostx/foo", loopback: false),
        Valid(text: "my-registry:5000/x", registry: "my-registry:5000", repository: "x",
              familiar: "my-registry:5000/x", loopback: false),
        Valid(text: "registry-1.docker.io/openim/x", registry: "registry-1.docker.io", repository: "openim/x",
              familiar: "registry-1.docker.io/openim/x", loopback: false),
        Valid(text: "a.b-c.d:443/x__y.z--w/0-9_a", registry: "a.b-c.d:443", repository: "x__y.z--w/0-9_a",
              familiar: "a.b-c.d:443/x__y.z--w/0-9_a", loopback: false),
        Valid(text: "example/foo", registry: "docker.io", repository: "example/foo", familiar: "example/foo", loopback: false)
    ]

    @Test(arguments: valid)
    func parsesValidNames(_ row: Valid) throws {
        let reference = try ImageReference(parsing: row.text)
        #expect(reference.registry == row.registry)
        #expect(reference.repository == row.repository)
        #expect(reference.familiarName == row.familiar)
        #expect(reference.canonicalName == "\(row.registry)/\(row.repository)")
        #expect(reference.description == reference.canonicalName)
        #expect(reference.isLoopback == row.loopback)
        #expect(try ImageReference(parsing: reference.canonicalName) == reference)
    }

    static let maximum = "openim/" + String(repeating: "a", count: 238)
    static let tooLong = "openim/" + String(repeating: "a", count: 239)

    static let invalid: [(String, String)] = [
        ("", #"Input `images`: "" is empty. Write an image name like openim/openkf-server or ghcr.io/openimsdk/openkf-server."#),
        ("openim/openkf-server:v1", #"Input `images`: "openim/openkf-server:v1" includes a tag. Remove `:v1`: tags come from the `tags` input."#),
        ("localhost:5000", #"Input `images`: "localhost:5000" includes a tag. Remove `:5000`: tags come from the `tags` input."#),
        (":tag", #"Input `images`: ":tag" includes a tag. Remove `:tag`: tags come from the `tags` input."#),
        ("ghcr.io/foo@sha256:abc", #"Input `images`: "ghcr.io/foo@sha256:abc" includes a digest. Remove `@sha256:abc`: this input takes repository names only."#),
        ("OpenIM/openkf", #"Input `images`: "OpenIM/openkf" contains upper-case letters. Repository names must be lower-case: use "openim/openkf"."#),
        ("GHCR.io/x", #"Input `images`: "GHCR.io/x" contains upper-case letters. Repository names must be lower-case: use "ghcr.io/x"."#),
        ("https://ghcr.io/foo", #"Input `images`: "https://ghcr.io/foo" includes a URL scheme. Remove `https://`: write host/path, like ghcr.io/openimsdk/openkf-server."#),
        ("ghcr..io/foo", #"Input `images`: "ghcr..io/foo" has an invalid registry host. Write the registry as host[:port], like ghcr.io or localhost:5000."#),
        ("-ghcr.io/foo", #"Input `images`: "-ghcr.io/foo" has an invalid registry host. Write the registry as host[:port], like ghcr.io or localhost:5000."#),
        ("localhost:abc/foo", #"Input `images`: "localhost:abc/foo" has an invalid registry host. Write the registry as host[:port], like ghcr.io or localhost:5000."#),
        ("ghcr.io:/foo", #"Input `images`: "ghcr.io:/foo" has an invalid registry host. Write the registry as host[:port], like ghcr.io or localhost:5000."#),
        ("ghcr.io/", #"Input `images`: "ghcr.io/" has an empty path component. Remove the extra `/`."#),
        ("ghcr.io//foo", #"Input `images`: "ghcr.io//foo" has an empty path component. Remove the extra `/`."#),
        ("foo/", #"Input `images`: "foo/" has an empty path component. Remove the extra `/`."#),
        ("ghcr.io/foo_-bar", #"Input `images`: "ghcr.io/foo_-bar" has an invalid path component `foo_-bar`. Use lower-case letters and digits, separated by `.`, `_`, `__` or dashes."#),
        ("ghcr.io/-foo", #"Input `images`: "ghcr.io/-foo" has an invalid path component `-foo`. Use lower-case letters and digits, separated by `.`, `_`, `__` or dashes."#),
        ("ghcr.io/foo___bar", #"Input `images`: "ghcr.io/foo___bar" has an invalid path component `foo___bar`. Use lower-case letters and digits, separated by `.`, `_`, `__` or dashes."#),
        ("ghcr.io/foo.", #"Input `images`: "ghcr.io/foo." has an invalid path component `foo.`. Use lower-case letters and digits, separated by `.`, `_`, `__` or dashes."#),
        ("ghcr.io/föo", #"Input `images`: "ghcr.io/föo" has an invalid path component `föo`. Use lower-case letters and digits, separated by `.`, `_`, `__` or dashes."#),
        ("foo bar", #"Input `images`: "foo bar" contains whitespace or control characters. Write the image name without spaces."#),
        ("foo\tbar", #"Input `images`: "foo\tbar" contains whitespace or control characters. Write the image name without spaces."#),
        (tooLong, #"Input `images`: ""# + tooLong + #"" is 256 characters long with its registry, over the limit of 255. Use a shorter repository name."#)
    ]

    @Test(arguments: invalid)
    func rejectsInvalidNames(_ text: String, _ message: String) {
        #expect(throws: InputError.self) { try ImageReference(parsing: text) }
        do {
            _ = try ImageReference(parsing: text)
        } catch {
            #expect(error.description == message)
            #expect(error.input == "images")
            #expect(error.value == text)
        }
    }

    @Test func acceptsTheLongestName() throws {
        #expect(try ImageReference(parsing: Self.maximum).canonicalName.count == 255)
    }

    @Test func normalizedLowercasesFirst() throws {
        let reference = try ImageReference.normalized("GHCR.io/OpenIMSDK/OpenKF-Server")
        #expect(reference.canonicalName == "ghcr.io/openimsdk/openkf-server")
        #expect(try ImageReference.normalized("OpenIM/X").familiarName == "openim/x")
        #expect(throws: InputError.self) { try ImageReference.normalized("Foo Bar") }
    }

    @Test func usesTheGivenInputName() {
        #expect(throws: InputError(input: "cache-image", value: "a:b", reason: "includes a tag",
                                   fix: "Remove `:b`: tags come from the `tags` input.")) {
            try ImageReference(parsing: "a:b", input: "cache-image")
        }
    }
}

struct TagReferenceTests {
    @Test(arguments: [
        ("ghcr.io/openimsdk/openkf:v1.0.0", "ghcr.io/openimsdk/openkf:v1.0.0", "ghcr.io/openimsdk/openkf:v1.0.0", "v1.0.0"),
        ("busybox:latest", "docker.io/library/busybox:latest", "busybox:latest", "latest"),
        ("localhost:5000/foo:Dev_1", "localhost:5000/foo:Dev_1", "localhost:5000/foo:Dev_1", "Dev_1"),
        ("openim/openkf-server:_x.Y-z", "docker.io/openim/openkf-server:_x.Y-z", "openim/openkf-server:_x.Y-z", "_x.Y-z"),
        ("a:" + String(repeating: "w", count: 128), "docker.io/library/a:" + String(repeating: "w", count: 128),
         "a:" + String(repeating: "w", count: 128), String(repeating: "w", count: 128))
    ])
    func parsesTaggedNames(_ text: String, _ canonical: String, _ familiar: String, _ tag: String) throws {
        let reference = try TagReference(parsing: text)
        #expect(reference.canonicalName == canonical)
        #expect(reference.familiarName == familiar)
        #expect(reference.description == canonical)
        #expect(reference.tag == tag)
    }

    static let tagFix = "Tags are 1 to 128 letters, digits, `_`, `.` or `-`, and do not start with `.` or `-`."
    static let longTag = "busybox:" + String(repeating: "w", count: 129)

    static let invalid: [(String, String)] = [
        ("busybox", #"Input `tags`: "busybox" has no tag. Write name:tag, like ghcr.io/openimsdk/openkf-server:v1.0.0."#),
        ("localhost:5000/foo", #"Input `tags`: "localhost:5000/foo" has no tag. Write name:tag, like ghcr.io/openimsdk/openkf-server:v1.0.0."#),
        ("busybox:", #"Input `tags`: "busybox:" has an empty tag. "# + tagFix),
        ("busybox:.x", #"Input `tags`: "busybox:.x" has an invalid tag. "# + tagFix),
        ("busybox:-x", #"Input `tags`: "busybox:-x" has an invalid tag. "# + tagFix),
        ("busybox:a+b", #"Input `tags`: "busybox:a+b" has an invalid tag. "# + tagFix),
        (longTag, #"Input `tags`: ""# + longTag + #"" has an invalid tag. "# + tagFix),
        ("busybox@sha256:abc", #"Input `tags`: "busybox@sha256:abc" includes a digest. Remove `@sha256:abc`: write name:tag."#),
        ("Busybox:Latest", #"Input `tags`: "Busybox:Latest" contains upper-case letters. Repository names must be lower-case: use "busybox:Latest"."#),
        ("ghcr.io//x:v1", #"Input `tags`: "ghcr.io//x:v1" has an empty path component. Remove the extra `/`."#),
        ("a:b:c", #"Input `tags`: "a:b:c" has more than one tag. Write name:tag with a single `:` after the last `/`."#)
    ]

    @Test(arguments: invalid)
    func rejectsInvalidTaggedNames(_ text: String, _ message: String) {
        #expect(throws: InputError.self) { try TagReference(parsing: text) }
        do {
            _ = try TagReference(parsing: text)
        } catch {
            #expect(error.description == message)
            #expect(error.value == text)
        }
    }
}

struct RegistryHostTests {
    @Test(arguments: [
        ("localhost", true), ("localhost:5000", true), ("LOCALHOST", true), ("127.0.0.1", true),
        ("127.255.255.254:80", true), ("127.0.0.1:5001", true), ("::1", true), ("[::1]", true),
        ("[::1]:5000", true), ("[::2]", false), ("[::1]:", false), ("127.0.0.256", false), ("127.0.0", false),
        ("128.0.0.1", false), ("localhost.localdomain", false), ("ghcr.io", false), ("localhost:", false),
        ("localhost:x", false), ("127.0.0.01", true), ("127.0.0.0001", false), ("", false)
    ])
    func detectsLoopbackHosts(_ host: String, _ expected: Bool) {
        #expect(RegistryHost.isLoopback(host) == expected)
    }

    @Test(arguments: [
        ("ghcr.io", true), ("registry.cn-hangzhou.aliyuncs.com", true), ("localhost:5000", true), ("a", true),
        ("A.B", true), ("1.2.3.4:1", true), ("a-b.c", true), ("-a.b", false), ("a-.b", false), ("a..b", false),
        ("a.b:", false), ("a.b:x", false), ("a_b.c", false), ("", false), ("a.b:1:2", false), ("[::1]", false)
    ])
    func validatesHosts(_ host: String, _ expected: Bool) {
        #expect(RegistryHost.isValid(host) == expected)
    }

    @Test(arguments: [
        ("", "docker.io"), ("docker.io", "docker.io"), ("index.docker.io", "docker.io"),
        ("registry-1.docker.io", "docker.io"), ("DOCKER.IO", "docker.io"), (" GHCR.io ", "ghcr.io"),
        ("registry.cn-hangzhou.aliyuncs.com", "registry.cn-hangzhou.aliyuncs.com")
    ])
    func canonicalizesHosts(_ host: String, _ expected: String) {
        #expect(RegistryHost.canonical(host) == expected)
    }
}
