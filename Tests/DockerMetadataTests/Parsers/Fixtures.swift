import Foundation

/// Loads a JSON fixture recorded from the real bundled libraries (see generate-fixtures.js).
func loadFixture<T: Decodable>(_ name: String, as type: T.Type) -> T {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/parsers/\(name).json")
    guard let data = try? Data(contentsOf: url) else {
        preconditionFailure("missing fixture \(name).json")
    }
    do {
        return try JSONDecoder().decode(T.self, from: data)
    } catch {
        preconditionFailure("bad fixture \(name).json: \(error)")
    }
}

/// A prerelease identifier as recorded: `{"n": 1}` or `{"s": "beta"}`.
struct IdentifierFixture: Codable, Sendable, Equatable {
    let n: Int?
    let s: String?
}

/// `semver.parse` result as recorded.
struct SemVerObjectFixture: Codable, Sendable {
    let raw: String
    let loose: Bool
    let major: Int
    let minor: Int
    let patch: Int
    let prerelease: [IdentifierFixture]
    let build: [String]
    let version: String
}

/// One semver probe.
struct SemVerFixture: Codable, Sendable, CustomStringConvertible {
    let input: String
    let valid: String?
    let prerelease: [IdentifierFixture]?
    let strict: SemVerObjectFixture?
    let loose: SemVerObjectFixture?
    var description: String { input.debugDescription }
}

/// `explain` result as recorded (numbers as JavaScript renders them).
struct ExplainFixture: Codable, Sendable {
    struct Pre: Codable, Sendable {
        let label: String
        let number: String
    }
    let epoch: String
    let release: [String]
    let pre: Pre?
    let post: String?
    let dev: String?
    let local: String?
    let `public`: String
    let base_version: String
    let is_prerelease: Bool
    let is_devrelease: Bool
    let is_postrelease: Bool
}

/// One PEP 440 probe.
struct PEP440Fixture: Codable, Sendable, CustomStringConvertible {
    let input: String
    let valid: String?
    let clean: String?
    let major: String
    let minor: String
    let patch: String
    let explain: ExplainFixture?
    var description: String { input.debugDescription }
}

/// A csv-parse outcome: fields or an error message.
struct CSVOutcome<Value: Codable & Sendable>: Codable, Sendable {
    let ok: Value?
    let error: String?
}

/// One csv probe: getList outcome and first-record outcome.
struct CSVFixture: Codable, Sendable, CustomStringConvertible {
    let input: String
    let list: CSVOutcome<[String]>
    let first: CSVOutcome<[String]?>
    var description: String { input.debugDescription }
}

/// Fixture tables, loaded once.
enum Fixtures {
    static let semver = loadFixture("semver", as: [SemVerFixture].self)
    static let pep440 = loadFixture("pep440", as: [PEP440Fixture].self)
    static let csv = loadFixture("csv", as: [CSVFixture].self)
}
