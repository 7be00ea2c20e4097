import Testing
@testable import DockerMetadata

private func outcome<T>(_ body: () throws(CSVParseError) -> T) -> (value: T?, error: String?) {
    do {
        return (try body(), nil)
    } catch {
        return (nil, error.message)
    }
}

@Suite("csv-parse 7.x as used by metadata-action (recorded from the bundled library)")
struct CSVListParserTests {
    @Test("Util.getList(input, {ignoreComma, comment: '#', commentNoInfix})", arguments: Fixtures.csv)
    func inputList(_ probe: CSVFixture) {
        let actual = outcome { () throws(CSVParseError) in try CSVListParser.inputList(probe.input) }
        #expect(actual.error == probe.list.error)
        #expect(actual.value == probe.list.ok)
    }

    @Test("parse(s, {relaxColumnCount, skipEmptyLines})[0]", arguments: Fixtures.csv)
    func firstRecord(_ probe: CSVFixture) {
        let actual = outcome { () throws(CSVParseError) in try CSVListParser.firstRecord(probe.input) }
        #expect(actual.error == probe.first.error)
        if probe.first.error == nil {
            #expect(actual.value == .some(probe.first.ok ?? nil))
        }
    }

    @Test("fixtures cover errors and values")
    func coverage() {
        #expect(Fixtures.csv.count > 100)
        #expect(Fixtures.csv.contains { $0.list.error != nil })
        #expect(Fixtures.csv.contains { $0.first.error?.hasPrefix("Invalid Opening Quote") == true })
        #expect(Fixtures.csv.contains { $0.first.error?.hasPrefix("Invalid Closing Quote") == true })
    }

    @Test("exact error texts")
    func errors() {
        #expect(throws: CSVParseError(message:
            "Quote Not Closed: the parsing is finished with an opening quote at line 1")) {
            try CSVListParser.inputList("\"abc")
        }
        #expect(throws: CSVParseError(message: "Invalid Closing Quote: got \"c\" at line 1 instead of "
            + "delimiter, record delimiter, trimable character (if activated) or comment")) {
            try CSVListParser.firstRecord("\"ab\"c")
        }
    }
}
