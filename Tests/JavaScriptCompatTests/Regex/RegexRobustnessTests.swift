import Testing
@testable import JavaScriptCompat

@Test(arguments: [
    ("(", ")", ""), ("(?:", ")", ""), ("(?=", ")", ""), ("(?<=", ")", ""), ("(?<n", ">)", ""), ("[", "]", "v"),
])
func deepNestingUpToTheLimitWorks(open: String, close: String, flags: String) throws {
    let depth = RegExpParser.maxNesting
    var pattern = ""
    for index in 0..<depth { pattern += open == "(?<n" ? "(?<n\(index)>" : open }
    pattern += "a"
    for _ in 0..<depth { pattern += close == ">)" ? ")" : close }
    let regex = try JSRegExp(pattern, flags: flags)
    #expect(regex.match(in: "ba") != nil)
    let tooDeep = (open == "(?<n" ? "(" : open) + pattern + close.suffix(1)
    #expect(throws: JSRegExpError(message: "Invalid regular expression: /\(tooDeep)/\(flags): Stack overflow")) {
        try JSRegExp(tooDeep, flags: flags)
    }
}
