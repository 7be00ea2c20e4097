/// The csv-parse 7.x state machine (byte by byte over the UTF-8 input, whole input at
/// once), restricted to the options metadata-action uses. Field values, line counting and
/// error messages follow the library, including its quirks (a relaxed closing quote is
/// re-inserted at the front of the field, a record delimiter is discovered once and then
/// fixed, `\r\n` inside quotes counts as two lines).
import JavaScriptCompat

struct CSVRecordParser {
    private static let quote = UInt8(ascii: "\"")
    private static let delimiter = UInt8(ascii: ",")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")
    /// Candidate record delimiters in discovery order (Windows first).
    private static let candidateDelimiters: [[UInt8]] = [[13, 10], [10], [13]]
    private static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    private let options: CSVOptions
    private let buf: [UInt8]
    private var pos = 0
    private var lines = 1
    private var wasRowDelimiter = false
    private var recordDelimiters: [[UInt8]] = []
    private var quoting = false
    private var wasQuoting = false
    private var commenting = false
    private var escaping = false
    private var field: [UInt8] = []
    private var record: [String] = []
    private var records: [[String]] = []

    /// A parser for `input` with the given options.
    init(_ input: String, options: CSVOptions) {
        self.options = options
        self.buf = Array(input.utf8)
    }

    /// Parses the whole input into records, or throws the library's `CsvError` message.
    mutating func parse() throws(CSVParseError) -> [[String]] {
        while pos < buf.count {
            try step()
            pos += 1
        }
        try finish()
        return records
    }

    private func byte(at index: Int) -> UInt8? {
        index < buf.count ? buf[index] : nil
    }

    private mutating func step() throws(CSVParseError) {
        if wasRowDelimiter {
            lines += 1
            wasRowDelimiter = false
        }
        if !quoting && recordDelimiters.isEmpty {
            _ = discoverRecordDelimiter(at: pos)
        }
        let chr = buf[pos]
        if chr == Self.carriageReturn || chr == Self.lineFeed {
            wasRowDelimiter = true
        }
        if escaping {
            escaping = false
        } else if try handleSpecial(chr) {
            return
        }
        field.append(chr)
    }

    /// Quote, record delimiter, comment and delimiter handling; true when the byte is consumed.
    private mutating func handleSpecial(_ chr: UInt8) throws(CSVParseError) -> Bool {
        if quoting && chr == Self.quote && pos + 1 < buf.count && byte(at: pos + 1) == Self.quote {
            escaping = true
            return true
        }
        if !commenting && chr == Self.quote {
            if quoting {
                if try handleQuoteWhileQuoting() { return true }
            } else if !field.isEmpty {
                if !options.relaxQuotes { throw openingQuoteError() }
            } else {
                quoting = true
                return true
            }
        }
        if quoting { return false }
        return handleUnquoted(chr)
    }

    /// A quote inside a quoted field: closes it, or (relaxed) becomes part of the field.
    private mutating func handleQuoteWhileQuoting() throws(CSVParseError) -> Bool {
        let next = byte(at: pos + 1)
        let nextIsComment = options.comment != nil && next == options.comment
        let nextIsDelimiter = next == Self.delimiter
        let nextIsRecordDelimiter = recordDelimiters.isEmpty
            ? discoverRecordDelimiter(at: pos + 1) != 0
            : recordDelimiterLength(at: pos + 1) != 0
        if next == Self.quote {
            return false
        }
        if next == nil || next == 0 || nextIsDelimiter || nextIsRecordDelimiter || nextIsComment {
            quoting = false
            wasQuoting = true
            return true
        }
        guard options.relaxQuotes else { throw closingQuoteError(next ?? 0) }
        quoting = false
        wasQuoting = true
        field.insert(Self.quote, at: 0)
        return false
    }

    private mutating func handleUnquoted(_ chr: UInt8) -> Bool {
        let delimiterLength = recordDelimiterLength(at: pos)
        if delimiterLength != 0 {
            endLine()
            pos += delimiterLength - 1
            return true
        }
        if commenting { return true }
        if let comment = options.comment, chr == comment,
           !options.commentNoInfix || (record.isEmpty && field.isEmpty) {
            commenting = true
            return true
        }
        if chr == Self.delimiter {
            endField()
            return true
        }
        return false
    }

    /// A record delimiter outside quotes: skip comment and empty lines, else emit the record.
    private mutating func endLine() {
        // A blank line is either a full-line comment or an empty line (skip_empty_lines).
        let lineIsBlank = !wasQuoting && record.isEmpty && field.isEmpty
        if !lineIsBlank {
            endField()
            endRecord()
        }
        commenting = false
    }

    private mutating func finish() throws(CSVParseError) {
        if quoting {
            throw CSVParseError(message:
                "Quote Not Closed: the parsing is finished with an opening quote at line \(lines)")
        }
        if wasQuoting || !record.isEmpty || !field.isEmpty {
            endField()
            endRecord()
        }
    }

    private mutating func endField() {
        record.append(String(decoding: field, as: UTF8.self))
        field.removeAll()
        wasQuoting = false
    }

    private mutating func endRecord() {
        records.append(record)
        record.removeAll()
    }

    private func recordDelimiterLength(at index: Int) -> Int {
        for candidate in recordDelimiters where matches(candidate, at: index) {
            return candidate.count
        }
        return 0
    }

    /// `__autoDiscoverRecordDelimiter`: the first candidate found at `index` becomes the delimiter.
    private mutating func discoverRecordDelimiter(at index: Int) -> Int {
        for candidate in Self.candidateDelimiters where matches(candidate, at: index) {
            recordDelimiters.append(candidate)
            return candidate.count
        }
        return 0
    }

    private func matches(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + bytes.count <= buf.count else { return false }
        return buf[index..<index + bytes.count].elementsEqual(bytes)
    }

    private func closingQuoteError(_ next: UInt8) -> CSVParseError {
        let shown = String(Character(Unicode.Scalar(next)))
        return CSVParseError(message: "Invalid Closing Quote: got \"\(shown)\" at line \(lines) "
            + "instead of delimiter, record delimiter, trimable character (if activated) or comment")
    }

    private func openingQuoteError() -> CSVParseError {
        let value = JSONText.string(String(decoding: field, as: UTF8.self)).compact
        let bom = field == Self.utf8BOM ? " (utf8 bom)" : ""
        return CSVParseError(message: "Invalid Opening Quote: a quote is found on field \(record.count) "
            + "at line \(lines), value is \(value)\(bom)")
    }
}
