import Foundation
import Testing

@testable import JavaScriptCompat

@Suite("JavaScript semantics: Number, Date, JSON text, sort")
struct JavaScriptSemanticsTests {
    @Test(arguments: [
        ("12", 12.0), (" 7 ", 7), ("", 0), ("0x1f", 31), ("0b101", 5), ("0o17", 15), ("1e3", 1000),
        ("-2.5", -2.5), ("+4", 4), (".5", 0.5), ("5.", 5), ("Infinity", .infinity), ("-Infinity", -.infinity),
    ])
    func numberParses(_ text: String, _ value: Double) {
        #expect(JavaScriptNumber.number(text) == value)
    }

    @Test(arguments: ["abc", "1a", "0x", "1e", "--1", "0xg", "1 2", "infinity", "."])
    func numberRejects(_ text: String) {
        #expect(JavaScriptNumber.isNaN(text))
    }

    @Test func trimRemovesJavaScriptWhitespace() {
        #expect(JavaScriptNumber.trimJavaScriptWhitespace("\u{FEFF}\u{00A0} a b \u{2028}\t") == "a b")
    }

    @Test(arguments: [
        ("2024-11-05T16:20:11+08:00", "2024-11-05T08:20:11.000Z"),
        ("2024-11-05T16:20:11Z", "2024-11-05T16:20:11.000Z"),
        ("2024-11-05T16:20:11.123456Z", "2024-11-05T16:20:11.123Z"),
        ("2024-03-01 12:00:00 +0100", "2024-03-01T11:00:00.000Z"),
        ("2024-03-01", "2024-03-01T00:00:00.000Z"),
        ("2024-02-29T23:59:59-05:30", "2024-03-01T05:29:59.000Z"),
        ("+010000-01-01T00:00:00Z", "+010000-01-01T00:00:00.000Z"),
    ])
    func datesParse(_ text: String, _ iso: String) throws {
        let date = try #require(JavaScriptDate.parse(text))
        #expect(ISOTimestamp.string(date) == iso)
    }

    @Test(arguments: ["", "yesterday", "2023-02-29T00:00:00Z", "2024-13-01", "2024-11-05T25:00:00Z", "2024-11-05T16:20:11+8"])
    func datesReject(_ text: String) {
        #expect(JavaScriptDate.parse(text) == nil)
    }

    @Test func isoStringOfEpochAndFractions() {
        #expect(ISOTimestamp.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(ISOTimestamp.string(Date(timeIntervalSince1970: 1_736_936_130.5)) == "2025-01-15T10:15:30.500Z")
        #expect(ISOTimestamp.string(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
    }

    @Test func jsonTextMatchesJSONStringify() {
        let value = JSONText.object([
            ("b", .string("quote\" back\\ slash/ tab\t nl\n ctl\u{01} ünï ✓")),
            ("10", .array([])), ("2", .object([])), ("skip", nil), ("a", .array([.string("x"), .literal("1")])),
        ])
        #expect(value.compact == #"{"2":{},"10":[],"b":"quote\" back\\ slash/ tab\t nl\n ctl\u0001 ünï ✓","a":["x",1]}"#)
        #expect(value.pretty == """
            {
              "2": {},
              "10": [],
              "b": "quote\\" back\\\\ slash/ tab\\t nl\\n ctl\\u0001 ünï ✓",
              "a": [
                "x",
                1
              ]
            }
            """)
    }

    @Test func labelObjectCutsValueAtLineBreak() {
        let object = JSONText.labelObject(["k=v1\nv2", "e==x", "none"])
        #expect(object.compact == #"{"k":"v1","e":"=x"}"#)
    }

    @Test func sortIsStableAndFollowsV8ForInconsistentComparators() {
        let items = Array(0..<70).map { ($0 % 3, $0) }
        let sorted = JavaScriptSort.sorted(items) { $0.0 - $1.0 }
        #expect(sorted.map(\.0) == items.map(\.0).sorted())
        #expect(sorted.filter { $0.0 == 1 }.map(\.1) == items.filter { $0.0 == 1 }.map(\.1))
        // A strictly descending prefix is reversed as one run.
        #expect(JavaScriptSort.sorted([3, 2, 1, 5, 4]) { $0 - $1 } == [1, 2, 3, 4, 5])
    }
}
