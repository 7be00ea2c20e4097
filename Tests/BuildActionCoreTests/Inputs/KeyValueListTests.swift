import Testing
@testable import BuildActionCore

struct KeyValueListTests {
    @Test(arguments: [
        ("A=1\nB=2", ["A=1", "B=2"], [1, 2]),
        ("# comment\n\nA=1,2,3\n  org.opencontainers.image.title=OpenKF  ", ["A=1,2,3", "org.opencontainers.image.title=OpenKF"], [3, 4]),
        ("A=x=y", ["A=x=y"], [1]),
        ("A=", ["A="], [1]),
        ("A=1\nB=2\nA=3", ["A=3", "B=2"], [3, 2]),
        ("_X-1.y=v", ["_X-1.y=v"], [1]),
        ("A=1\r\nB=2\r\n", ["A=1", "B=2"], [1, 2]),
        ("A= spaced", ["A= spaced"], [1]),
        ("   # indented comment\nA=#not a comment", ["A=#not a comment"], [2]),
        ("", [], []),
        ("\n \n", [], [])
    ])
    func parsesAssignments(_ text: String, _ expected: [String], _ lines: [Int]) throws {
        let list = try KeyValueList(parsing: text, input: "build-args")
        #expect(list.assignments == expected)
        #expect(list.entries.map(\.line) == lines)
    }

    @Test func looksUpValues() throws {
        let list = try KeyValueList(parsing: "A=1\nB=\nA=3", input: "labels")
        #expect(list["A"] == "3")
        #expect(list["B"] == "")
        #expect(list["C"] == nil)
    }

    static let keyFix = "Keys start with a letter or `_` and contain only letters, digits, `_`, `.` and `-`."

    static let invalid: [(String, String)] = [
        ("FOO", #"Input `build-args`: "FOO" has no `=` on line 1. Write one KEY=VALUE pair per line."#),
        ("A=1\n=2", #"Input `build-args`: "=2" has an empty key on line 2. Write the key before `=`, like NODE_VERSION=20."#),
        ("FOO =bar", #"Input `build-args`: "FOO =bar" has a space before `=` on line 1. Write KEY=VALUE without spaces around `=`."#),
        ("1FOO=bar", #"Input `build-args`: "1FOO=bar" has an invalid key on line 1. "# + keyFix),
        ("FO O=bar", #"Input `build-args`: "FO O=bar" has an invalid key on line 1. "# + keyFix),
        ("\n\n  -x=1", #"Input `build-args`: "-x=1" has an invalid key on line 3. "# + keyFix),
        ("ÄB=1", #"Input `build-args`: "ÄB=1" has an invalid key on line 1. "# + keyFix),
        ("a,b=1", #"Input `build-args`: "a,b=1" has an invalid key on line 1. "# + keyFix)
    ]

    @Test(arguments: invalid)
    func rejectsMalformedLines(_ text: String, _ message: String) {
        #expect(throws: InputError.self) { try KeyValueList(parsing: text, input: "build-args") }
        do {
            _ = try KeyValueList(parsing: text, input: "build-args")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func keepsCommasInValues() throws {
        #expect(try KeyValueList(parsing: "A=1,B", input: "build-args").assignments == ["A=1,B"])
    }
}

struct SecretListTests {
    static let secret = "Zq9-s3cr3t-PLANT"

    @Test func parsesSecrets() throws {
        let list = try SecretList(parsing: "GIT_AUTH_TOKEN=\(Self.secret)\n# note\nnpm=x=y\nEMPTY=\nnpm=z", input: "secrets")
        #expect(list.entries.map(\.id) == ["GIT_AUTH_TOKEN", "npm", "EMPTY"])
        #expect(list["GIT_AUTH_TOKEN"] == Self.secret)
        #expect(list["npm"] == "z")
        #expect(list["EMPTY"] == "")
        #expect(list.entries.map(\.line) == [1, 5, 4])
        #expect(list.entries[0].description == "GIT_AUTH_TOKEN=***")
        var dumped = ""
        dump(list.entries[0], to: &dumped)
        #expect(!dumped.contains(Self.secret))
        #expect(!String(describing: list.entries).contains(Self.secret))
    }

    static let idFix = "Ids start with a letter or `_` and contain only letters, digits, `_`, `.` and `-`."

    static let invalid: [(String, String)] = [
        (secret, #"Input `secrets`: "***" has no `=` on line 1. Write one id=VALUE pair per line, like npm_token=VALUE."#),
        ("=" + secret, #"Input `secrets`: "***" has an empty id on line 1. Write the id before `=`, like npm_token=VALUE."#),
        ("tok en=" + secret, #"Input `secrets`: "***" has an invalid id on line 1. "# + idFix),
        ("tok =" + secret, #"Input `secrets`: "***" has a space before `=` on line 1. Write id=VALUE without spaces before `=`."#),
        ("a=1\n9x=" + secret, #"Input `secrets`: "***" has an invalid id on line 2. "# + idFix),
        ("9" + secret + "=x", #"Input `secrets`: "***" has an invalid id on line 1. "# + idFix)
    ]

    @Test(arguments: invalid)
    func rejectsWithoutEchoingSecrets(_ text: String, _ message: String) {
        #expect(throws: InputError.self) { try SecretList(parsing: text) }
        do {
            _ = try SecretList(parsing: text)
        } catch {
            #expect(error.description == message)
            #expect(error.value == "***")
            #expect(!error.description.contains(Self.secret))
        }
    }
}
