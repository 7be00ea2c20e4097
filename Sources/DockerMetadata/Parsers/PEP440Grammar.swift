/// @renovate/pep440 1.x `VERSION_PATTERN` (the PEP 440 appendix regex), case-insensitive,
/// run by the project's ECMAScript engine.
/// https://peps.python.org/pep-0440/#appendix-b-parsing-version-strings-with-regular-expressions
import JavaScriptCompat

enum PEP440Grammar {
    /// Capture group numbers of the named groups.
    enum Group: Int, CaseIterable {
        case epoch = 1, release, preLabel, preNumber, postNumber1, postLabel, postNumber2
        case devLabel, devNumber, local
    }

    private static let separator = #"[-_\.]?"#
    private static let version = [
        #"v?"#,
        #"(?:(\d+)!)?"#,
        #"(\d+(?:\.\d+)*)"#,
        #"(?:\#(separator)(a|b|c|rc|alpha|beta|pre|preview)\#(separator)(\d+)?)?"#,
        #"(?:(?:-(\d+))|(?:\#(separator)(post|rev|r)\#(separator)(\d+)?))?"#,
        #"(?:\#(separator)(dev)\#(separator)(\d+)?)?"#,
        #"(?:\+([a-z0-9]+(?:[-_\.][a-z0-9]+)*))?"#,
    ].joined()

    /// `^VERSION_PATTERN$`.
    static let exact = try? JSRegExp("^" + version + "$", flags: "i")
    /// `^\s*VERSION_PATTERN\s*$`, used by `clean`.
    static let padded = try? JSRegExp(#"^\s*"# + version + #"\s*$"#, flags: "i")
}
