/// The two ways metadata-action v6.2.0 uses csv-parse 7.x.
import JavaScriptCompat

public enum CSVListParser {
    /// `Util.getList(input, {ignoreComma: true, comment: '#', commentNoInfix: true})` of
    /// @docker/actions-toolkit: each record of the whole input becomes one entry (multi-field
    /// records re-joined with `,`), empty entries dropped, the rest JS-trimmed. The caller
    /// passes the input as `core.getInput` returns it (already trimmed).
    public static func inputList(_ input: String) throws(CSVParseError) -> [String] {
        if input.isEmpty { return [] }
        var parser = CSVRecordParser(input, options: .inputList)
        let records = try parser.parse()
        let entries = records.map { $0.count == 1 ? $0[0] : $0.joined(separator: ",") }
        return entries.filter { !$0.isEmpty }.map(JavaScriptNumber.trimJavaScriptWhitespace)
    }

    /// `parse(s, {relaxColumnCount: true, skipEmptyLines: true})[0]`: the fields of the
    /// first record (no comments, strict quotes), or nil when there is no record.
    public static func firstRecord(_ s: String) throws(CSVParseError) -> [String]? {
        var parser = CSVRecordParser(s, options: .entry)
        return try parser.parse().first
    }
}
