import Testing
@testable import BuildActionCore

struct RegistryAuthTests {
    static let secret = "S3cr3t-Pl4nt"

    @Test func parsesAFullDocument() throws {
        let text = """
            ---
            # logins
            - registry: ghcr.io
              username: octocat
              password: ghp_abc123   # trailing comment
            - username: openim
              password: "dckr\\"pat\\\\x\\u00e9\\/"

            -
              registry: 'registry.cn-hangzhou.aliyuncs.com'
              username: 'o''brien'
              password: 'p#ss: word'
            """
        let auth = try RegistryAuth(parsing: text)
        #expect(auth.credentials == [
            RegistryCredentials(registry: "ghcr.io", username: "octocat", password: "ghp_abc123"),
            RegistryCredentials(registry: "docker.io", username: "openim", password: "dckr\"pat\\xé/"),
            RegistryCredentials(registry: "registry.cn-hangzhou.aliyuncs.com", username: "o'brien", password: "p#ss: word")
        ])
        #expect(auth.warnings.isEmpty)
    }

    @Test(arguments: [
        ("", [RegistryCredentials]()),
        ("# only a comment\n\n   \n", []),
        ("---\n", []),
        ("--- # start\n", []),
        ("-   registry: localhost:5000\n    username: u\n    password: p",
         [RegistryCredentials(registry: "localhost:5000", username: "u", password: "p")]),
        ("  - username: u\n    password: p", [RegistryCredentials(registry: "docker.io", username: "u", password: "p")]),
        ("- \"username\": u\n  'password' : p", [RegistryCredentials(registry: "docker.io", username: "u", password: "p")]),
        ("- registry: index.docker.io\n  username: u\n  password: p",
         [RegistryCredentials(registry: "docker.io", username: "u", password: "p")]),
        ("- registry: ''\n  username: u\n  password: p", [RegistryCredentials(registry: "docker.io", username: "u", password: "p")]),
        ("- registry:\n  username: u\n  password: p", [RegistryCredentials(registry: "docker.io", username: "u", password: "p")]),
        ("- registry: GHCR.IO\n  username: u\n  password: p", [RegistryCredentials(registry: "ghcr.io", username: "u", password: "p")]),
        ("- username: u\r\n  password: p\r\n", [RegistryCredentials(registry: "docker.io", username: "u", password: "p")]),
        ("\u{FEFF}- username: u\n  password: p", [RegistryCredentials(registry: "docker.io", username: "u", password: "p")]),
        ("- username: u\n  password: abc#def", [RegistryCredentials(registry: "docker.io", username: "u", password: "abc#def")]),
        ("- username: u\n  password: a:b", [RegistryCredentials(registry: "docker.io", username: "u", password: "a:b")]),
        ("- username: -x\n  password: ?y", [RegistryCredentials(registry: "docker.io", username: "-x", password: "?y")]),
        ("- username: u\n  password: a b c  ", [RegistryCredentials(registry: "docker.io", username: "u", password: "a b c")]),
        ("- username: true\n  password: 12345", [RegistryCredentials(registry: "docker.io", username: "true", password: "12345")]),
        ("- username: u\n  password: \"\\U0001F600\\uD83D\\uDE00\\x41\"",
         [RegistryCredentials(registry: "docker.io", username: "u", password: "😀😀A")]),
        ("- username: u\n  password: \"a\\/b\"\t# tab before comment",
         [RegistryCredentials(registry: "docker.io", username: "u", password: "a/b")]),
        ("- username: u # c\n  # inner comment\n\n  password: p",
         [RegistryCredentials(registry: "docker.io", username: "u", password: "p")]),
        ("- registry: 127.0.0.1:5001\n  username: u\n  password: p\n- registry: ghcr.io\n  username: v\n  password: q",
         [RegistryCredentials(registry: "127.0.0.1:5001", username: "u", password: "p"),
          RegistryCredentials(registry: "ghcr.io", username: "v", password: "q")])
    ])
    func parsesValidDocuments(_ text: String, _ expected: [RegistryCredentials]) throws {
        let auth = try RegistryAuth(parsing: text)
        #expect(auth.credentials == expected)
        #expect(auth.warnings.isEmpty)
    }

    @Test func warnsAboutEcr() throws {
        let auth = try RegistryAuth(parsing: "- username: u\n  password: p\n  ecr: auto")
        #expect(auth.credentials == [RegistryCredentials(registry: "docker.io", username: "u", password: "p")])
        #expect(auth.warnings == ["registry-auth: `ecr` on line 3 is ignored; this action logs in with username and password only."])
    }

    @Test(arguments: [
        "- registry: ghcr.io\n  username: u\n  password:\n",
        "- registry: ghcr.io\n  username: u\n  password: \"\"",
        "- registry: ghcr.io\n  username: ''\n  password: # empty in a fork"
    ])
    func skipsEmptyPasswords(_ text: String) throws {
        let auth = try RegistryAuth(parsing: text)
        #expect(auth.credentials.isEmpty)
        #expect(auth.warnings == ["registry-auth: the entry on line 1 has an empty password and is skipped (secrets are empty in pull requests from forks)."])
    }

    static func message(_ problem: String, _ line: Int, _ fix: String) -> String {
        #"Input `registry-auth`: "***" has "# + problem + " on line \(line). " + fix
    }

    static let entry = "- username: u\n  password: "
    static let blockFix = "Use block style, one `key: value` per line; quote a value that starts with "
    static let unterminated = "Close the quote on the same line; quoted values cannot span lines here."
    static let keyList = "The keys are registry, username, password and ecr."
    static let listFix = "Write the value as a single string; quote it if it starts with `- `."
    static let escapes = "Use only \\\\, \\\", \\/, \\n, \\t, \\r, \\0, \\xXX, \\uXXXX (surrogates in pairs) or \\UXXXXXXXX."
    static let topFix = "Start each entry with `- `, like `- registry: ghcr.io`, and indent its other keys under the first."

    static let invalid: [(String, String)] = [
        ("- username: u\n\tpassword: \(secret)", message("a tab in the indentation", 2, "Indent with spaces only.")),
        ("-\tusername: u\n  password: \(secret)", message("a tab in the indentation", 1, "Indent with spaces only.")),
        ("- {username: u, password: \(secret)}", message("a flow mapping (`{ }`)", 1, blockFix + "`{`.")),
        (entry + "[\(secret)]", message("a flow sequence (`[ ]`)", 2, blockFix + "`[`.")),
        (entry + "{\(secret): 1}", message("a flow mapping (`{ }`)", 2, blockFix + "`{`.")),
        (entry + ",\(secret)", message("a flow indicator (`,`, `]` or `}`) at the start of a scalar", 2, "Quote the value.")),
        (entry + "&a \(secret)", message("an anchor (`&`)", 2, "Anchors are not supported: write the value out, and quote it if it starts with `&`.")),
        ("- username: *u\n  password: \(secret)", message("an alias (`*`)", 1, "Aliases are not supported: write the value out, and quote it if it starts with `*`.")),
        (entry + "!!str \(secret)", message("a tag (`!`)", 2, "Tags are not supported: quote the value if it starts with `!`.")),
        (entry + "|\n    \(secret)", message("a block scalar (`|` or `>`)", 2, "Write the value on one line, in double quotes if it needs escapes like \\n.")),
        (entry + ">-\n    \(secret)", message("a block scalar (`|` or `>`)", 2, "Write the value on one line, in double quotes if it needs escapes like \\n.")),
        ("- username: @u\n  password: \(secret)", message("a reserved indicator (`%`, `@` or `` ` ``) at the start of a scalar", 1, "Quote the value.")),
        (entry + "%\(secret)", message("a reserved indicator (`%`, `@` or `` ` ``) at the start of a scalar", 2, "Quote the value.")),
        (entry + "\(secret)\n---\n- username: v\n  password: w", message("a second document (`---`)", 3, "Put all entries in one list, after at most one `---` line.")),
        ("---\n---", message("a second document (`---`)", 2, "Put all entries in one list, after at most one `---` line.")),
        ("--- - username: u", message("content after `---`", 1, "Start the list on the line after `---`.")),
        (entry + "\(secret)\n...", message("a document end marker (`...`)", 3, "Remove the `...` line.")),
        ("%YAML 1.2\n---\n" + entry + secret, message("a directive (`%`)", 1, "Remove the directive line.")),
        ("- username: u\n  pasword: \(secret)", message("an unknown key", 2, "Did you mean `password`? " + keyList)),
        ("- username: u\n  Password: \(secret)", message("an unknown key", 2, "Did you mean `password`? " + keyList)),
        (entry + "p\n  token: \(secret)", message("an unknown key", 3, keyList)),
        (entry + "\(secret)\n  password: \(secret)", message("a duplicate key", 3, "Give each key once per entry.")),
        ("- registry: ghcr.io\n  username: u", message("an entry without `password`", 1, "Add `password:` under the entry's `-`.")),
        ("- password: \(secret)", message("an entry without `username`", 1, "Add `username:` under the entry's `-`.")),
        (entry + "\n    - \(secret)", message("a list where a string is expected", 3, listFix)),
        (entry + "- \(secret)", message("a list where a string is expected", 2, listFix)),
        ("- - \(secret)", message("a list where a string is expected", 1, listFix)),
        (entry + "\n    value: \(secret)", message("a mapping where a string is expected", 3, "Write the value as a single string on the key's line.")),
        (entry + ": \(secret)", message("a mapping where a string is expected", 2, "Write the value as a single string, quoted if it starts with `:`.")),
        (entry + "abc\n    \(secret)", message("a continuation line", 3, "Write each value on one line; quote it if it contains special characters.")),
        (entry + "\"\(secret)", message("an unterminated double-quoted string", 2, unterminated)),
        (entry + "'\(secret)", message("an unterminated single-quoted string", 2, unterminated)),
        (entry + "\"\(secret)\\", message("an unterminated double-quoted string", 2, unterminated)),
        (entry + "\"\(secret)\\q\"", message("an unsupported escape sequence in a double-quoted string", 2, escapes)),
        (entry + "\"\\uD800\(secret)\"", message("an unsupported escape sequence in a double-quoted string", 2, escapes)),
        (entry + "\"\\uDC00\(secret)\"", message("an unsupported escape sequence in a double-quoted string", 2, escapes)),
        (entry + "\"\\x4G\(secret)\"", message("an unsupported escape sequence in a double-quoted string", 2, escapes)),
        (entry + "\"\\U00110000\(secret)\"", message("an unsupported escape sequence in a double-quoted string", 2, escapes)),
        (entry + "\"\(secret)\" extra", message("text after the closing quote", 2, "Quote the whole value, and put a space before a `#` comment.")),
        (entry + "'\(secret)'#c", message("text after the closing quote", 2, "Quote the whole value, and put a space before a `#` comment.")),
        (entry + "\(secret): x", message("a `: ` inside a plain value", 2, "Quote the value, in single or double quotes.")),
        (entry + "\(secret):", message("a `: ` inside a plain value", 2, "Quote the value, in single or double quotes.")),
        ("username: u\npassword: \(secret)", message("a mapping at the top level", 1, topFix)),
        (secret, message("text outside any list entry", 1, topFix)),
        ("- username: u\npassword: \(secret)", message("a key outside any entry", 2, "Indent it under its entry's `-`, in the same column as the entry's first key.")),
        ("- username: u\n password: \(secret)", message("a key at the wrong indentation", 2, "Indent the keys of an entry to the column of its first key.")),
        ("  - username: u\n    password: p\n- username: v\n  password: \(secret)", message("a list item at the wrong indentation", 3, "Start every entry's `-` in the same column.")),
        ("-\n- username: u\n  password: \(secret)", message("an empty entry", 1, "Add `registry:`, `username:` and `password:` under the `-`.")),
        (entry + "\(secret)\u{7}", message("a control character", 2, "Remove it, or write it as a \\uXXXX escape inside double quotes.")),
        (entry + "\(secret)\u{0}", message("a control character", 2, "Remove it, or write it as a \\uXXXX escape inside double quotes.")),
        (entry + "\(secret)\u{9F}", message("a control character", 2, "Remove it, or write it as a \\uXXXX escape inside double quotes.")),
        (entry + "\"\(secret)\\n\"", message("a control character in `password`", 2, "User names and passwords must be single-line text without tabs or escapes like \\n.")),
        ("- registry: https://ghcr.io\n" + "  username: u\n  password: \(secret)", message("a URL as `registry`", 1, "Write the host only, like ghcr.io or registry.cn-hangzhou.aliyuncs.com.")),
        ("- registry: ghcr..io\n" + "  username: u\n  password: \(secret)", message("an invalid `registry`", 1, "Write host[:port], like ghcr.io or localhost:5000.")),
        (entry + "p\n- registry: index.docker.io\n  username: v\n  password: \(secret)", message("a second entry for the same registry", 3, "Give each registry once; docker.io, index.docker.io and registry-1.docker.io are the same.")),
        ("- username: ''\n  password: \(secret)", message("an empty `username`", 1, "Set `username:`, or remove the entry.")),
        ("- ? username\n  : \(secret)", message("an explicit key (`?`)", 1, "Write `key: value`.")),
        ("- username: u\n  \(secret)", message("a line without `key: value`", 2, "Write `key: value`; quote values that contain `: ` or ` #`.")),
        ("- username: u\n  \(secret) #: x", message("a line without `key: value`", 2, "Write `key: value`; quote values that contain `: ` or ` #`.")),
        ("- : \(secret)", message("an empty key", 1, "Write the key before `:`.")),
        ("- \"username\" u\n  password: \(secret)", message("a quoted key without `: ` after it", 1, "Write `key: value`."))
    ]

    @Test(arguments: invalid)
    func rejectsWithoutEchoingThePassword(_ text: String, _ message: String) {
        #expect(throws: InputError.self) { try RegistryAuth(parsing: text) }
        do {
            _ = try RegistryAuth(parsing: text)
        } catch {
            #expect(error.description == message)
            #expect(error.value == "***")
            #expect(!error.description.contains(Self.secret))
        }
    }
}

struct RegistryCredentialsTests {
    @Test func neverShowsThePassword() {
        let login = RegistryCredentials(registry: "GHCR.io", username: "octocat", password: "S3cr3t-Pl4nt")
        #expect(login.registry == "ghcr.io")
        #expect(login.description == "octocat @ ghcr.io (password ***)")
        #expect(String(reflecting: login) == "RegistryCredentials(octocat @ ghcr.io (password ***))")
        var dumped = ""
        dump(login, to: &dumped)
        #expect(!dumped.contains("S3cr3t"))
        #expect(!"\([login])".contains("S3cr3t"))
    }
}
