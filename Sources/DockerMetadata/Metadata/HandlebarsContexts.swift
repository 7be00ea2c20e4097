/// The JavaScript values metadata-action hands to Handlebars, built for our engine: payload
/// members, node-semver's `SemVer` object, and the pep440 pattern functions.
import JavaScriptCompat

extension HandlebarsValue {
    /// A parsed JSON value as the same JavaScript value.
    init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(HandlebarsValue.init(json:)))
        case .object(let members):
            self = .object(HandlebarsObject(members.keys.sorted().map { ($0, HandlebarsValue(json: members[$0] ?? .null)) }))
        }
    }
}

extension SemVer {
    /// The own properties of node-semver's `SemVer` object, in the order its constructor sets them
    /// (`semver.parse(v, {loose: true})`).
    var handlebarsValue: HandlebarsValue {
        .object(HandlebarsObject([
            ("options", .object(HandlebarsObject([("loose", .bool(true))]))),
            ("loose", .bool(loose)),
            ("includePrerelease", .bool(false)),
            ("raw", .string(raw)),
            ("major", .number(Double(major))),
            ("minor", .number(Double(minor))),
            ("patch", .number(Double(patch))),
            ("prerelease", .array(prerelease.map { identifier in
                switch identifier {
                case .number(let number): return .number(Double(number))
                case .string(let text): return .string(text)
                }
            })),
            ("build", .array(build.map(HandlebarsValue.string))),
            ("version", .string(version)),
        ]))
    }
}

extension PEP440 {
    /// metadata-action's pep440 pattern context: functions `raw`, `version`, `major`, `minor`,
    /// `patch` over the version text.
    static func handlebarsContext(_ raw: String) -> HandlebarsValue {
        func constant(_ value: HandlebarsValue) -> HandlebarsValue {
            .function(HandlebarsFunction { _, _, _ in value })
        }
        func number(_ value: Double?) -> HandlebarsValue { value.map(HandlebarsValue.number) ?? .null }
        return .object(HandlebarsObject([
            ("raw", constant(.string(raw))),
            ("version", constant(clean(raw).map(HandlebarsValue.string) ?? .null)),
            ("major", constant(number(major(raw)))),
            ("minor", constant(number(minor(raw)))),
            ("patch", constant(number(patch(raw)))),
        ]))
    }
}
