import Testing
@testable import JavaScriptCompat

@Test func invalidFlagsAreRejectedBeforeThePattern() {
    #expect(throws: JSRegExpError(message: "Invalid flags supplied to RegExp constructor 'gx'")) {
        try JSRegExp("(", flags: "gx")
    }
}

@Test func flagsAreCanonicalized() throws {
    let regex = try JSRegExp("a", flags: "ygmi")
    #expect(regex.flags == "gimy")
    #expect(regex.source == "a")
    #expect(throws: JSRegExpError(message: "Invalid regular expression: /a(/gimy: Unterminated group")) {
        try JSRegExp("a(", flags: "ygmi")
    }
}

@Test func tooManyCaptures() {
    let pattern = String(repeating: "()", count: RegExpParser.maxCaptures + 1)
    #expect(throws: JSRegExpError(message: "Invalid regular expression: /\(pattern)/: Too many captures")) {
        try JSRegExp(pattern)
    }
    #expect((try? JSRegExp(String(repeating: "()", count: 300)))?.captureCount == 300)
}

@Test func stepLimitStopsCatastrophicBacktracking() throws {
    var regex = try JSRegExp("(a+)+b")
    regex.stepLimit = 200_000
    let input = String(repeating: "a", count: 40) + "!"
    #expect(regex.matchOutcome(in: input) == .stepLimitExceeded)
    #expect(regex.match(in: input) == nil)
    #expect(regex.matchOutcome(in: "aab") == .matched(["aab", "aa"]))
    #expect(regex.matchOutcome(in: "aa") == .noMatch)
}

@Test func emptyLoopsTerminate() throws {
    #expect(try JSRegExp("(?:a*)*b").match(in: String(repeating: "a", count: 30)) == nil)
    #expect(try JSRegExp("(?:)*", flags: "g").match(in: "abc") == ["", "", "", ""])
    #expect(try JSRegExp("(?:a?)+?$").match(in: "aa") == ["aa"])
}

@Test func namedGroupsOfFirstMatch() throws {
    let regex = try JSRegExp("(?<major>\\d+)\\.(?<minor>\\d+)(?:\\.(?<patch>\\d+))?")
    let groups = try #require(regex.firstMatchNamedGroups(in: "v1.22"))
    #expect(groups.map(\.name) == ["major", "minor", "patch"])
    #expect(groups.map(\.value) == ["1", "22", nil])
    #expect(regex.firstMatchNamedGroups(in: "none") == nil)
    #expect(try JSRegExp("(a)").firstMatchNamedGroups(in: "a")?.isEmpty == true)
}

@Test func globalMatchReturnsWholeMatchesOnly() throws {
    #expect(try JSRegExp("(\\d)(\\d)", flags: "g").match(in: "12 34 5") == ["12", "34"])
    #expect(try JSRegExp("(\\d)(\\d)", flags: "g").match(in: "1") == nil)
}

@Test func longInputsDoNotOverflowTheStack() throws {
    let input = String(repeating: "ab", count: 200_000)
    #expect(try JSRegExp("(?:ab)*").match(in: input)?.first??.count == 400_000)
    #expect(try JSRegExp("^(a|b)*?$").match(in: input)?[1] == "b")
}
