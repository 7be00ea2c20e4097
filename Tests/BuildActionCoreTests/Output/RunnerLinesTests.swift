import Testing

@testable import BuildActionCore

@Suite("Outside text made inert for the runner")
struct RunnerLinesTests {
    @Test(arguments: [
        ("a\nb", ["a", "b"]), ("a\rb", ["a", "b"]), ("a\r\nb", ["a", "b"]), ("a\n", ["a"]), ("a\r", ["a"]),
        ("a\r\n", ["a"]), ("", [""]), ("\n", [""]), ("\r\r", ["", ""]), ("a\n\nb", ["a", "", "b"]),
        ("#6 0.27 start\r::add-mask::x", ["#6 0.27 start", "::add-mask::x"]), ("\u{2028}x\u{85}", ["\u{2028}x\u{85}"]),
    ] as [(String, [String])])
    func splitsAsStreamReaderReadLine(_ text: String, _ lines: [String]) {
        #expect(RunnerLines.split(text) == lines)
    }

    @Test(arguments: [
        ("##[set-output name=x;]y", #"##[\set-output name=x;]y"#), ("a ##[error]b ##[group]c", #"a ##[\error]b ##[\group]c"#),
        ("###[x", #"###[\x"#), ("no command here", "no command here"), ("#[x] ##", "#[x] ##"),
    ])
    func defusesTheOldCommandPrefixWithAVisibleCharacter(_ line: String, _ defused: String) {
        #expect(RunnerLines.defused(line) == defused)
        #expect(!RunnerLines.defused(line).contains("##[s") && !RunnerLines.defused(line).contains("##[e"))
    }

    @Test func inertLinesAreASCIIWithoutCommandMarkers() {
        #expect(RunnerLines.isInert("org.opencontainers.image.source=https://github.com/openimsdk/openkf"))
        #expect(RunnerLines.isInert("pr-7"))
        #expect(RunnerLines.isInert(""))
        for line in ["::add-mask::x", "x ##[error]y", "a\rb", "a\nb", "\u{2060}:\u{200B}:", "caf\u{E9}", "tab\there", "esc\u{1B}"] {
            #expect(!RunnerLines.isInert(line), "\(line.debugDescription)")
        }
    }

    @Test func blockTokensAreLongUnpredictableWordsButNoCommandNames() {
        #expect(StopCommandsBlock(token: "0123456789abcdef0123456789abcdef") != nil)
        #expect(StopCommandsBlock(token: "short") == nil)
        #expect(StopCommandsBlock(token: "") == nil)
        #expect(StopCommandsBlock(token: "0123456789abcdef:x") == nil)
        #expect(StopCommandsBlock(token: "0123456789 abcdef") == nil)
        #expect(StopCommandsBlock(token: "INTERNAL-SET-REPO-PATH") == nil)
    }

    @Test func wrapsSplitsDefusesAndHidesTheToken() throws {
        let token = "5f0c3a9e1b7d4c2a8e6f0b1d3c5a7e9f"
        let block = try #require(StopCommandsBlock(token: token))
        let lines = block.wrapping([
            "#5 0.274 start\r::add-mask::secret-word", "#5 0.274 ##[set-output name=x;]y",
            "\r::\(token)::\n::\(token.uppercased())::\r\n##[\(token)]", "",
        ])
        #expect(lines == [
            "::stop-commands::\(token)", "#5 0.274 start", "::add-mask::secret-word", #"#5 0.274 ##[\set-output name=x;]y"#,
            "", "::***::", "::***::", #"##[\***]"#, "", "::\(token)::",
        ])
        #expect(block.opening == "::stop-commands::\(token)")
        #expect(block.closing == "::\(token)::")
        #expect(lines.dropFirst().dropLast().allSatisfy { !$0.lowercased().contains(token) })
    }
}
