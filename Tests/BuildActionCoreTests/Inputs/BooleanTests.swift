import Testing
@testable import BuildActionCore

struct ActionBooleanTests {
    @Test(arguments: [
        ("true", true), ("True", true), ("TRUE", true), ("false", false), ("False", false), ("FALSE", false),
        (" true ", true), ("\tFALSE\n", false)
    ])
    func acceptsCoreSchemaBooleans(_ text: String, _ expected: Bool) throws {
        #expect(try ActionBoolean.parse(text, input: "no-cache") == expected)
    }

    static let fix = "Use true or false (YAML 1.2 core schema: true, True, TRUE, false, False, FALSE)."

    @Test(arguments: ["yes", "no", "on", "off", "1", "0", "tRUE", "", "true false", "y", "\u{201C}true\u{201D}"])
    func rejectsOtherSpellings(_ text: String) {
        let expected = InputError(input: "no-cache", value: text, reason: "is not a boolean", fix: Self.fix)
        #expect(throws: expected) { try ActionBoolean.parse(text, input: "no-cache") }
    }

    @Test func describesTheError() {
        do {
            _ = try ActionBoolean.parse("yes", input: "provenance")
            Issue.record("accepted yes")
        } catch {
            #expect(error.description == #"Input `provenance`: "yes" is not a boolean. "# + Self.fix)
        }
    }
}

struct PushModeTests {
    @Test(arguments: [
        ("auto", PushMode.auto), ("Auto", .auto), ("AUTO", .auto), (" auto\n", .auto),
        ("true", .always), ("True", .always), ("false", .never), ("FALSE", .never)
    ])
    func parsesModes(_ text: String, _ expected: PushMode) throws {
        #expect(try PushMode.parse(text) == expected)
    }

    @Test(arguments: [
        ("aUto", #"Input `push`: "aUto" is not auto, true or false. Use auto, true or false."#),
        ("maybe", #"Input `push`: "maybe" is not auto, true or false. Use auto, true or false."#),
        ("", #"Input `push`: "" is not auto, true or false. Use auto, true or false."#),
        ("yes", #"Input `push`: "yes" is not auto, true or false. Use auto, true or false."#)
    ])
    func rejectsOtherValues(_ text: String, _ message: String) {
        #expect(throws: InputError.self) { try PushMode.parse(text) }
        do {
            _ = try PushMode.parse(text)
        } catch {
            #expect(error.description == message)
        }
    }
}

struct InputErrorTests {
    @Test func escapesTheQuotedValue() {
        let error = InputError(input: "labels", value: "a\"b\\c\nd\u{1}e\u{7F}\u{2028}é", reason: "is odd", fix: "Fix it.")
        #expect(error.description == #"Input `labels`: "a\"b\\c\nd\u0001e\u007F\u2028é" is odd. Fix it."#)
    }

    @Test func masksSecrets() {
        let error = InputError.secret(input: "ghcr-password", reason: "is bad", fix: "Fix it.")
        #expect(error.value == "***")
        #expect(error.description == #"Input `ghcr-password`: "***" is bad. Fix it."#)
    }
}
