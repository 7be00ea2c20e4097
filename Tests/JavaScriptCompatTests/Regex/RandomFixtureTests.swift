import Foundation
import Testing
@testable import JavaScriptCompat

/// Seeded random cases recorded from node (Tests/Fixtures/gen-random.js and gen-soup.js).
enum RandomCases {
    static func load(_ name: String) -> [RecordedCase] {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/regex/\(name)")
        guard let data = try? Data(contentsOf: url),
              let cases = try? JSONDecoder().decode([RecordedCase].self, from: data) else { return [] }
        return cases
    }

    /// Random well-formed patterns (groups, lookarounds, classes, quantifiers, flags).
    static let structured = load("random-cases.json")
    /// Random token soup, mostly invalid patterns.
    static let soup = load("soup-cases.json")
}

@Test func randomFixturesLoaded() {
    #expect(RandomCases.structured.count == 700)
    #expect(RandomCases.soup.count == 700)
    #expect(RandomCases.soup.filter { $0.error != nil }.count > 200)
}

@Test(arguments: RandomCases.structured)
func randomPatternMatchesNode(_ recorded: RecordedCase) {
    matchesNode(recorded)
}

@Test(arguments: RandomCases.soup)
func soupPatternMatchesNode(_ recorded: RecordedCase) {
    matchesNode(recorded)
}
