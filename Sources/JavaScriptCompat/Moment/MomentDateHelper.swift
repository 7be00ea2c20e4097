/// The body of metadata-action's `date` and `commit_date` Handlebars helpers:
/// `moment(date).tz(hash.tz ?? 'UTC').format(format)`, including the JavaScript errors
/// they raise for odd arguments.
public enum MomentDateHelper {
    /// Evaluates a helper call.
    /// - Parameters:
    ///   - millisecondsSinceEpoch: the date (the frozen clock or the commit date); nil for an
    ///     invalid JavaScript Date (formats as `Invalid date`).
    ///   - positional: the positional arguments of the call (`{{date 'YYYY'}}` has one).
    ///   - hash: the hash arguments in template order. Handlebars builds the hash object from
    ///     the last pair backwards, so keys are checked last-first (`foo=1 zed=2` reports `zed`)
    ///     and a repeated key keeps its first value in the template.
    ///   - database: the time zone data.
    ///   - hostZoneName: the Node process zone used when the tz name is unknown.
    public static func evaluate(
        millisecondsSinceEpoch: Int64?,
        positional: [MomentHelperValue],
        hash: [(key: String, value: MomentHelperValue)],
        database: some ZoneDatabase,
        hostZoneName: String = "UTC"
    ) throws(MomentHelperError) -> MomentHelperOutput {
        guard let format = positional.first else {
            throw MomentHelperError(message: "Cannot read properties of undefined (reading 'hash')")
        }
        if positional.count > 1 {
            throw optionsError(positional[1])
        }
        var zone: MomentHelperValue = .string("UTC")
        for (key, value) in uniqueKeys(hash.reversed()) {
            guard key == "tz" else { throw MomentHelperError(message: "Unknown \(key) attribute") }
            zone = value
        }
        let (formatter, messages) = try resolveZone(zone, database: database, hostZoneName: hostZoneName)
        guard let millisecondsSinceEpoch, formatter.isValid(millisecondsSinceEpoch: millisecondsSinceEpoch) else {
            return MomentHelperOutput(text: "Invalid date", consoleErrors: messages)
        }
        let text = try formatText(formatter, millisecondsSinceEpoch, format)
        return MomentHelperOutput(text: text, consoleErrors: messages)
    }

    /// The error when a second positional argument takes the place of Handlebars' options.
    private static func optionsError(_ value: MomentHelperValue) -> MomentHelperError {
        switch value {
        case .null: return MomentHelperError(message: "Cannot read properties of null (reading 'hash')")
        case .undefined: return MomentHelperError(message: "Cannot read properties of undefined (reading 'hash')")
        default: return MomentHelperError(message: "Cannot convert undefined or null to object")
        }
    }

    /// JavaScript object key semantics for the hash pairs.
    private static func uniqueKeys(_ pairs: [(key: String, value: MomentHelperValue)]) -> [(String, MomentHelperValue)] {
        var order: [String] = []
        var values: [String: MomentHelperValue] = [:]
        for (key, value) in pairs {
            if values[key] == nil { order.append(key) }
            values[key] = value
        }
        return order.compactMap { key in values[key].map { (key, $0) } }
    }

    /// `m.tz(value)`: a zone, local mode for unknown names, or the JavaScript error.
    private static func resolveZone(
        _ value: MomentHelperValue, database: some ZoneDatabase, hostZoneName: String
    ) throws(MomentHelperError) -> (MomentFormatter, [String]) {
        guard value.isTruthy else {
            // tz() returns undefined, and `.format` is read from it.
            throw MomentHelperError(message: "Cannot read properties of undefined (reading 'format')")
        }
        guard case .string(let name) = value else {
            throw MomentHelperError(message: "Time zone name must be a string, got \(value.describedWithType)")
        }
        let formatter = try MomentFormatter.resolving(name, database: database, hostZoneName: hostZoneName)
        let messages = formatter.zoneName == nil ? [MomentFormatter.noDataMessage(for: name)] : []
        return (formatter, messages)
    }

    /// `format(value)` on a valid moment.
    private static func formatText(
        _ formatter: MomentFormatter, _ milliseconds: Int64, _ format: MomentHelperValue
    ) throws(MomentHelperError) -> String {
        guard format.isTruthy else {
            return formatter.format(millisecondsSinceEpoch: milliseconds, nil)
        }
        switch format {
        case .string(let text):
            return formatter.format(millisecondsSinceEpoch: milliseconds, text)
        case .object:
            // "[object Object]" contains a bracket group, so expandFormat calls replace on it.
            throw MomentHelperError(message: "d.replace is not a function")
        default:
            throw MomentHelperError(message: "d.match is not a function")
        }
    }
}
