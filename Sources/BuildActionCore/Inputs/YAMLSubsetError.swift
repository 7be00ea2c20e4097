/// A syntax error in the `registry-auth` YAML subset. It holds only fixed texts and a line
/// number, never text from the document (which may contain passwords).
struct YAMLSubsetError: Error, Equatable {
    /// 1-based line number.
    let line: Int
    /// A noun phrase naming what was found, like "a tab in the indentation".
    let problem: String
    /// How to write it instead.
    let fix: String
}
