import Foundation
import Testing
@testable import JavaScriptCompat

/// One recorded `input.match(new RegExp(pattern, flags))` from node (see Tests/Fixtures/gen-fixtures.js).
struct RecordedCase: Decodable, Sendable, CustomTestStringConvertible {
    let pattern: String
    let flags: String
    let input: String
    let error: String?
    let result: [String?]?
    let groups: [[String?]]?

    var testDescription: String { "/\(pattern)/\(flags) on \(input.debugDescription)" }

    static let all: [RecordedCase] = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/regex/regexp-cases.json")
        guard let data = try? Data(contentsOf: url),
              let cases = try? JSONDecoder().decode([RecordedCase].self, from: data) else { return [] }
        return cases
    }()
}

@Test func fixtureLoaded() {
    #expect(RecordedCase.all.count > 600)
    #expect(RecordedCase.all.filter { $0.error != nil }.count > 150)
}

@Test(arguments: RecordedCase.all)
func matchesNode(_ recorded: RecordedCase) {
    do {
        let regex = try JSRegExp(recorded.pattern, flags: recorded.flags)
        #expect(recorded.error == nil, "expected error \(recorded.error ?? "")")
        #expect(regex.match(in: recorded.input) == recorded.result)
        if let groups = recorded.groups {
            let actual = regex.firstMatchNamedGroups(in: recorded.input)
            #expect(actual?.map { [$0.name, $0.value] } == groups)
        }
    } catch {
        #expect(error.message == recorded.error)
    }
}
