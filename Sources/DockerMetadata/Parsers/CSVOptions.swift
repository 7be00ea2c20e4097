/// The csv-parse 7.x options metadata-action uses (delimiter `,`, quote and escape `"`,
/// auto-discovered record delimiter, `relax_column_count`, `skip_empty_lines`, no BOM handling).
struct CSVOptions: Sendable {
    /// `comment` (a one-character marker), or nil when disabled.
    let comment: UInt8?
    /// `comment_no_infix`: comments only at the start of a record.
    let commentNoInfix: Bool
    /// `relax_quotes`.
    let relaxQuotes: Bool

    /// Options of `Util.getList(…, {comment: '#', commentNoInfix: true})`.
    static let inputList = CSVOptions(comment: UInt8(ascii: "#"), commentNoInfix: true, relaxQuotes: true)
    /// Options of `parse(s, {relaxColumnCount: true, skipEmptyLines: true})`.
    static let entry = CSVOptions(comment: nil, commentNoInfix: false, relaxQuotes: false)
}
