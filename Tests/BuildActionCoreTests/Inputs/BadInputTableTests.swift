import DockerMetadata
import Testing

@testable import BuildActionCore

/// Malformed inputs, one per row, each with the exact message the action prints: the input's
/// name, the value quoted (secrets as "***"), what is wrong and how to fix it. Metadata inputs
/// keep docker/metadata-action's own error texts (our fix hint follows them as a notice).
@Suite("Bad input, systematically")
struct BadInputTableTests {
    static let base: [String: String] = [
        "GITHUB_ACTOR": "openkf-bot", "INPUT_IMAGES": "ghcr.io/openimsdk/openkf-server", "INPUT_GITHUB-TOKEN": "ghs_token",
    ]

    /// The message for `value` in `input`, or "(accepted)".
    static func message(_ input: String, _ value: String) -> String {
        var environment = base
        environment[ActionInputReader.variableName(input)] = value
        do {
            if ["images", "tags", "flavor"].contains(input) {
                let inputs = try MetadataInputs(environment: environment)
                for image in inputs.images {
                    let spec = try ImageSpec(parsing: image)
                    _ = try ImageReference.normalized(spec.name)
                }
                for tag in inputs.tags { _ = try TagRule(parsing: tag) }
                _ = try Flavor(parsing: inputs.flavor)
            } else {
                _ = try BuildActionInputs(environment: environment)
            }
            return "(accepted)"
        } catch let error as InputError {
            return error.description
        } catch let error as MetadataError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    static let buildRows: [(String, String, String)] = [
        ("platforms", "linux/x86",
         "Input `platforms`: \"linux/x86\" is not a known platform. Did you mean linux/386?"),
        ("platforms", "windows/amd64",
         "Input `platforms`: \"windows/amd64\" is not a known platform. Use os/arch[/variant], one of: linux/amd64, linux/arm64, linux/arm/v7, linux/arm/v6, linux/386, linux/ppc64le, linux/s390x, linux/riscv64, linux/mips64le."),
        ("platforms", "linux",
         "Input `platforms`: \"linux\" has no architecture. Write os/arch, like linux/amd64 or linux/arm64."),
        ("platforms", "linux/arm/v9",
         "Input `platforms`: \"linux/arm/v9\" has an unsupported variant for arm. Use linux/arm/v7 or linux/arm/v6."),
        ("platforms", "LINUX/AMD64 linux/arm64",
         "Input `platforms`: \"LINUX/AMD64 linux/arm64\" is not a known platform. Use os/arch[/variant], one of: linux/amd64, linux/arm64, linux/arm/v7, linux/arm/v6, linux/386, linux/ppc64le, linux/s390x, linux/riscv64, linux/mips64le."),
        ("build-args", "NOEQUALS",
         "Input `build-args`: \"NOEQUALS\" has no `=` on line 1. Write one KEY=VALUE pair per line."),
        ("build-args", "=value",
         "Input `build-args`: \"=value\" has an empty key on line 1. Write the key before `=`, like NODE_VERSION=20."),
        ("build-args", "A B=1",
         "Input `build-args`: \"A B=1\" has an invalid key on line 1. Keys start with a letter or `_` and contain only letters, digits, `_`, `.` and `-`."),
        ("secrets", "npmrc",
         "Input `secrets`: \"***\" has no `=` on line 1. Write one id=VALUE pair per line, like npm_token=VALUE."),
        ("secrets", "=abc",
         "Input `secrets`: \"***\" has an empty id on line 1. Write the id before `=`, like npm_token=VALUE."),
        ("secrets", "id with space=abc",
         "Input `secrets`: \"***\" has an invalid id on line 1. Ids start with a letter or `_` and contain only letters, digits, `_`, `.` and `-`."),
        ("pull", "yes",
         "Input `pull`: \"yes\" is not a boolean. Use true or false (YAML 1.2 core schema: true, True, TRUE, false, False, FALSE)."),
        ("no-cache", "1",
         "Input `no-cache`: \"1\" is not a boolean. Use true or false (YAML 1.2 core schema: true, True, TRUE, false, False, FALSE)."),
        ("push", "maybe",
         "Input `push`: \"maybe\" is not auto, true or false. Use auto, true or false."),
        ("summary", "on",
         "Input `summary`: \"on\" is not a boolean. Use true or false (YAML 1.2 core schema: true, True, TRUE, false, False, FALSE)."),
        ("allow-pull-request-push", "sure",
         "Input `allow-pull-request-push`: \"sure\" is not a boolean. Use true or false (YAML 1.2 core schema: true, True, TRUE, false, False, FALSE)."),
        ("continue-on-registry-error", "y",
         "Input `continue-on-registry-error`: \"y\" is not a boolean. Use true or false (YAML 1.2 core schema: true, True, TRUE, false, False, FALSE)."),
        ("allow-overwrite", "enable",
         "Input `allow-overwrite`: \"enable\" is not a boolean. Use true or false (YAML 1.2 core schema: true, True, TRUE, false, False, FALSE)."),
        ("notify-issue", "2",
         "Input `notify-issue`: \"2\" is not a boolean. Use true or false (YAML 1.2 core schema: true, True, TRUE, false, False, FALSE)."),
        ("retries", "-1",
         "Input `retries`: \"-1\" is not a whole number from 0 to 10. Write a number like 3."),
        ("retries", "11",
         "Input `retries`: \"11\" is not a whole number from 0 to 10. Write a number like 3."),
        ("retries", "three",
         "Input `retries`: \"three\" is not a whole number from 0 to 10. Write a number like 3."),
        ("retry-delay", "-2",
         "Input `retry-delay`: \"-2\" is not a number of seconds from 0 to 60. Write seconds like 2 or 0.5s."),
        ("retry-delay", "90",
         "Input `retry-delay`: \"90\" is not a number of seconds from 0 to 60. Write seconds like 2 or 0.5s."),
        ("retry-delay", "2m",
         "Input `retry-delay`: \"2m\" is not a number of seconds from 0 to 60. Write seconds like 2 or 0.5s."),
        ("no-attestations-registries", "https://registry.example.com",
         "Input `no-attestations-registries`: \"https://registry.example.com\" is not a registry host or *.domain pattern. List hosts like registry.example.com or *.aliyuncs.com, separated by commas or lines."),
        ("no-attestations-registries", "*",
         "Input `no-attestations-registries`: \"*\" is not a registry host or *.domain pattern. List hosts like registry.example.com or *.aliyuncs.com, separated by commas or lines."),
        ("no-attestations-registries", "reg istry",
         "Input `no-attestations-registries`: \"reg istry\" is not a registry host or *.domain pattern. List hosts like registry.example.com or *.aliyuncs.com, separated by commas or lines."),
        ("notify-webhook", "http://hooks.example.com/x",
         "Input `notify-webhook`: \"***\" is http:// to a host that is not loopback. Use the chat\'s https:// incoming-webhook URL; plain http is accepted only for localhost, 127.0.0.0/8 and [::1]."),
        ("notify-webhook", "http://localhost@hooks.example.com/x",
         "Input `notify-webhook`: \"***\" has a user name or password before the host (user@host). Remove the user:password@ part: an incoming-webhook URL carries its secret in its path or query."),
        ("notify-webhook", "ftp://x",
         "Input `notify-webhook`: \"***\" is not an https:// URL. Store the chat\'s incoming-webhook URL (https://...) in a secret and pass it here."),
        ("notify-webhook-format", "teams",
         "Input `notify-webhook-format`: \"teams\" is not a known format. Use slack (default), feishu (or lark) or dingtalk."),
        ("registry-auth", "- registry: ghcr.io\n  username: u\n  password: {secret}",
         "Input `registry-auth`: \"***\" has a flow mapping (`{ }`) on line 3. Use block style, one `key: value` per line; quote a value that starts with `{`."),
        ("registry-auth", "registry: ghcr.io",
         "Input `registry-auth`: \"***\" has a mapping at the top level on line 1. Start each entry with `- `, like `- registry: ghcr.io`, and indent its other keys under the first."),
        ("registry-auth", "- registry: ghcr.io\n  username: u",
         "Input `registry-auth`: \"***\" has an entry without `password` on line 1. Add `password:` under the entry\'s `-`."),
        ("registry-auth", "- registry: ghcr.io\n\tusername: u\n  password: p",
         "Input `registry-auth`: \"***\" has a tab in the indentation on line 2. Indent with spaces only."),
        ("registry-auth", "- registry: https://ghcr.io\n  username: u\n  password: p",
         "Input `registry-auth`: \"***\" has a URL as `registry` on line 1. Write the host only, like ghcr.io or registry.cn-hangzhou.aliyuncs.com."),
        ("dockerhub-password", "only-a-password",
         "Input `dockerhub-username`: \"\" is empty while `dockerhub-password` is set. Set `dockerhub-username` too, or leave both empty to skip the login to docker.io."),
        ("dockerhub-username", "two words",
         "Input `dockerhub-username`: \"two words\" contains whitespace or control characters. Write the user name on one line without spaces."),
        ("aliyun-registry", "https://registry.cn-beijing.aliyuncs.com",
         "Input `aliyun-registry`: \"https://registry.cn-beijing.aliyuncs.com\" includes a URL scheme. Write the host only, like registry.cn-hangzhou.aliyuncs.com."),
        ("aliyun-registry", "registry..aliyuncs.com",
         "Input `aliyun-registry`: \"registry..aliyuncs.com\" is not a registry host. Write host[:port], like registry.cn-hangzhou.aliyuncs.com."),
        ("ghcr-registry", "ghcr io",
         "Input `ghcr-registry`: \"ghcr io\" is not a registry host. Write host[:port], like ghcr.io."),
        ("dockerhub-registry", "http://127.0.0.1:5001",
         "Input `dockerhub-registry`: \"http://127.0.0.1:5001\" includes a URL scheme. Write the host only, like docker.io."),
        ("aliyun-password", "line1\nline2",
         "Input `aliyun-password`: \"***\" contains a line break or control character. Store the password or token as a single line."),
    ]

    static let metadataRows: [(String, String, String)] = [
        ("images", "ghcr.io/openimsdk/open kf",
         "Input `images`: \"ghcr.io/openimsdk/open kf\" contains whitespace or control characters. Write the image name without spaces."),
        ("images", "ghcr.io/openimsdk/openkf-server:v1",
         "Input `images`: \"ghcr.io/openimsdk/openkf-server:v1\" includes a tag. Remove `:v1`: tags come from the `tags` input."),
        ("images", "https://ghcr.io/openimsdk/openkf",
         "Input `images`: \"https://ghcr.io/openimsdk/openkf\" includes a URL scheme. Remove `https://`: write host/path, like ghcr.io/openimsdk/openkf-server."),
        ("images", "name=,enable=true",
         "Image name attribute empty: name=,enable=true"),
        ("images", "ghcr.io//openkf",
         "Input `images`: \"ghcr.io//openkf\" has an empty path component. Remove the extra `/`."),
        ("tags", "type=unknown",
         "Unknown tag type attribute: unknown"),
        ("tags", "type=semver",
         "Missing pattern attribute for type=semver"),
        ("tags", "type=raw",
         "Missing value attribute for type=raw"),
        ("tags", "type=sha,format=medium",
         "Invalid format for type=sha,format=medium"),
        ("tags", "type=ref",
         "Missing event attribute for type=ref"),
        ("tags", "type=ref,event=nope",
         "Invalid event for type=ref,event=nope"),
        ("tags", "type=pep440",
         "Missing pattern attribute for type=pep440"),
        ("flavor", "prefix",
         "Invalid flavor entry: prefix"),
        ("tags", "\"type=raw,value=x",
         "Quote Not Closed: the parsing is finished with an opening quote at line 1"),
        ("flavor", "latest=sometimes",
         "Invalid latest flavor entry: latest=sometimes"),
        ("flavor", "onlatest=maybe",
         "Invalid value for onlatest attribute: maybe"),
    ]

    @Test(arguments: buildRows + metadataRows)
    func rejected(_ input: String, _ value: String, _ expected: String) {
        #expect(Self.message(input, value) == expected)
    }

    @Test func theTableIsLargeAndDistinct() {
        let all = Self.buildRows + Self.metadataRows
        #expect(all.count >= 40)
        #expect(Set(all.map { $0.0 + "\u{0}" + $0.1 }).count == all.count)
        for row in Self.buildRows {
            #expect(row.2.hasPrefix("Input `"), "\(row.0) names its input")
        }
    }

    @Test func secretsNeverAppearInMessages() {
        let secretInputs: Set<String> = ["secrets", "registry-auth", "notify-webhook", "aliyun-password"]
        let tokens = ["npmrc", "=abc", "{secret}", "id with space", "hooks.example.com", "ftp://x", "line1", "line2"]
        for (input, value, _) in Self.buildRows where secretInputs.contains(input) {
            let message = Self.message(input, value)
            #expect(message.contains("\"***\""), "\(input) shows its value as ***")
            for token in tokens { #expect(!message.contains(token), "\(input) leaks \(token)") }
        }
    }
}
