import Foundation
import JavaScriptCompat

/// The oracle recordings in Fixtures/moment-oracle.json (see Tests/JavaScriptCompatTests/Fixtures/moment/generate_fixtures.py).
struct OracleFixture: Decodable {
    /// One instant and the (zone, format, expected) probes rendered for it.
    struct FormatGroup: Decodable, Sendable, CustomStringConvertible {
        let ms: Int64
        let via: String
        let probes: [[String?]]
        var description: String { "\(via) @ \(ms) (\(probes.count) probes)" }
    }

    /// A JSON-encoded Handlebars argument value.
    struct Value: Decodable, Sendable {
        let string: String?
        let number: Double?
        let boolean: Bool?
        let null: Bool?
        let undefined: Bool?
        let object: Bool?

        var helperValue: MomentHelperValue {
            if let string { return .string(string) }
            if let number { return .number(number) }
            if let boolean { return .boolean(boolean) }
            if null != nil { return .null }
            if object != nil { return .object }
            return .undefined
        }
    }

    /// A hash pair `[key, value]`.
    struct HashPair: Decodable, Sendable {
        let key: String
        let value: Value

        init(from decoder: Decoder) throws {
            var container = try decoder.unkeyedContainer()
            key = try container.decode(String.self)
            value = try container.decode(Value.self)
        }
    }

    /// One recorded helper call.
    struct HelperCase: Decodable, Sendable, CustomStringConvertible {
        let template: String
        let ms: Int64?
        let positional: [Value]
        let hash: [HashPair]
        let expected: String?
        let error: String?
        let console: [String]
        var description: String { template }
    }

    let format_cases: [FormatGroup]
    let helper_cases: [HelperCase]

    /// The committed subset, or the full recording when `MOMENT_ORACLE_FIXTURE` names its file
    /// (`Tests/JavaScriptCompatTests/Fixtures/moment/generate_fixtures.py --full FILE` writes it).
    static let shared: OracleFixture = {
        let committed = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/moment/moment-oracle.json")
        let override = ProcessInfo.processInfo.environment["MOMENT_ORACLE_FIXTURE"]
        let url = override.map { URL(fileURLWithPath: $0) } ?? committed
        do {
            return try JSONDecoder().decode(OracleFixture.self, from: Data(contentsOf: url))
        } catch {
            return OracleFixture(format_cases: [], helper_cases: [])
        }
    }()

    init(format_cases: [FormatGroup], helper_cases: [HelperCase]) {
        self.format_cases = format_cases
        self.helper_cases = helper_cases
    }
}
