/// node-semver 7.x `safeRe` regular expressions for full (`FULL`) and loose (`LOOSE`)
/// versions, with `makeSafeRegex`'s length limits (`\d` up to 256, `[a-zA-Z0-9-]` up to 250),
/// run by the project's ECMAScript engine so that captures match JavaScript's exactly
/// (`1.2.345.x` parses loosely as patch `34`, prerelease `5.x`).
/// https://github.com/npm/node-semver/blob/main/internal/re.js
import JavaScriptCompat

enum SemVerGrammar {
    private static let numeric = #"0|[1-9]\d{0,256}"#
    private static let numericLoose = #"\d{1,256}"#
    private static let nonNumeric = #"\d{0,256}[a-zA-Z-][a-zA-Z0-9-]{0,250}"#
    private static let build = #"(?:\+([a-zA-Z0-9-]{1,250}(?:\.[a-zA-Z0-9-]{1,250})*))?"#

    private static func main(_ number: String) -> String {
        #"(\#(number))\.(\#(number))\.(\#(number))"#
    }

    private static func prerelease(_ number: String, dash: String) -> String {
        let identifier = "(?:\(nonNumeric)|\(number))"
        return #"(?:\#(dash)(\#(identifier)(?:\.\#(identifier))*))?"#
    }

    /// `^v?MAINVERSION PRERELEASE? BUILD?$`; groups: major, minor, patch, prerelease, build.
    static let full = compile("^v?" + main(numeric) + prerelease(numeric, dash: "-") + build + "$")
    /// `^[v=\s]*MAINVERSIONLOOSE PRERELEASELOOSE? BUILD?$`.
    static let loose = compile(#"^[v=\s]*"# + main(numericLoose) + prerelease(numericLoose, dash: "-?") + build + "$")

    private static func compile(_ source: String) -> JSRegExp? {
        try? JSRegExp(source)
    }
}
