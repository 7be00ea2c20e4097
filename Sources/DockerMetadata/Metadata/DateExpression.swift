import Foundation
import JavaScriptCompat

/// metadata-action's `date` and `commit_date` helpers: `moment(date).tz(tz).format(format)`,
/// with the JavaScript errors odd arguments raise.
enum DateExpression {
    /// Renders the helper for `date` (nil: JavaScript's Invalid Date) with the template's arguments.
    static func render(_ date: Date?, arguments: HelperArguments, zones: any ZoneDatabase) throws(HandlebarsError) -> HandlebarsValue {
        let milliseconds = date.map { Int64(($0.timeIntervalSince1970 * 1000).rounded(.down)) }
        do {
            let output = try MomentDateHelper.evaluate(
                millisecondsSinceEpoch: milliseconds,
                positional: arguments.params.map(helperValue),
                hash: arguments.hash.map { (key: $0.0, value: helperValue($0.1)) },
                database: zones)
            return .string(output.text)
        } catch {
            throw .runtime(error.message)
        }
    }

    /// How the helper tells a Handlebars value apart.
    static func helperValue(_ value: HandlebarsValue) -> MomentHelperValue {
        switch value {
        case .string(let text): return .string(text)
        case .number(let number): return .number(number)
        case .bool(let flag): return .boolean(flag)
        case .null: return .null
        case .undefined: return .undefined
        case .array, .object, .function: return .object
        }
    }
}
