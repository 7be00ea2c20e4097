import Testing

@testable import DockerMetadata

@Suite("Tag rules (src/tag.ts)")
struct TagRuleTests {
    struct Parsed: Sendable, CustomTestStringConvertible {
        let entry: String
        let kind: TagRule.Kind
        let attributes: [String: String]
        var testDescription: String { entry }
    }

    @Test(arguments: [
        Parsed(entry: "type=schedule", kind: .schedule, attributes: ["pattern": "nightly", "enable": "true", "priority": "1000"]),
        Parsed(entry: "type=semver,pattern={{version}}", kind: .semver, attributes: ["pattern": "{{version}}", "value": "", "match": "", "priority": "900"]),
        Parsed(entry: "type=pep440,pattern={{major}}", kind: .pep440, attributes: ["value": "", "match": "", "priority": "900"]),
        Parsed(entry: "type=match,pattern=v(\\d)", kind: .match, attributes: ["group": "0", "value": "", "priority": "800"]),
        Parsed(entry: "type=edge", kind: .edge, attributes: ["branch": "", "priority": "700"]),
        Parsed(entry: "type=ref,event=pr", kind: .ref, attributes: ["event": "pr", "prefix": "pr-", "priority": "600"]),
        Parsed(entry: "type=ref,event=branch", kind: .ref, attributes: ["event": "branch", "priority": "600"]),
        Parsed(entry: "type=raw,value=foo", kind: .raw, attributes: ["value": "foo", "priority": "200"]),
        Parsed(entry: "foo", kind: .raw, attributes: ["value": "foo"]),
        Parsed(entry: "type=sha", kind: .sha, attributes: ["prefix": "sha-", "format": "short", "priority": "100"]),
        Parsed(entry: "TYPE=raw,VALUE=up,Prefix=p-", kind: .raw, attributes: ["value": "up", "prefix": "p-"]),
        Parsed(entry: "type=raw,value=a=b", kind: .raw, attributes: ["value": "a=b"]),
        Parsed(entry: "=weird", kind: .raw, attributes: ["value": "=weird"]),
        Parsed(entry: "type=raw,value=x,", kind: .raw, attributes: ["value": ""]),
        Parsed(entry: " type = raw , value = spaced ", kind: .raw, attributes: ["value": "spaced"]),
        Parsed(entry: "type=sha,priority=5,enable=false", kind: .sha, attributes: ["priority": "5", "enable": "false"]),
    ])
    func parses(_ case_: Parsed) throws {
        let rule = try TagRule(parsing: case_.entry)
        #expect(rule.kind == case_.kind)
        for (key, value) in case_.attributes {
            #expect(rule[key] == value, "attribute \(key)")
        }
        #expect(rule.has("enable"))
        #expect(rule.has("priority"))
    }

    @Test(arguments: [
        ("type=RAW,value=bar", "Unknown tag type attribute: RAW"),
        ("type=nightly", "Unknown tag type attribute: nightly"),
        ("type=semver", "Missing pattern attribute for type=semver"),
        ("type=pep440,value=1", "Missing pattern attribute for type=pep440,value=1"),
        ("type=match,group=1", "Missing pattern attribute for type=match,group=1"),
        ("type=match,pattern=v(\\d),group=abc", "Invalid match group for type=match,pattern=v(\\d),group=abc"),
        ("type=ref", "Missing event attribute for type=ref"),
        ("type=ref,event=push", "Invalid event for type=ref,event=push"),
        ("type=raw", "Missing value attribute for type=raw"),
        ("type=sha,format=medium", "Invalid format for type=sha,format=medium"),
    ])
    func rejects(_ entry: String, _ message: String) {
        #expect(throws: MetadataError.self) { try TagRule(parsing: entry) }
        do {
            _ = try TagRule(parsing: entry)
        } catch {
            #expect(error.message == message)
            #expect(error.hint != nil)
        }
    }

    @Test func defaultRulesWhenEmpty() throws {
        let rules = try TagRule.rules(from: [])
        #expect(rules.map(\.description) == [
            "type=schedule,pattern=nightly,enable=true,priority=1000",
            "type=ref,event=branch,enable=true,priority=600",
            "type=ref,event=tag,enable=true,priority=600",
            "type=ref,event=pr,prefix=pr-,enable=true,priority=600",
        ])
    }

    @Test func ordersByPriorityStably() throws {
        let rules = try TagRule.rules(from: ["type=sha", "type=raw,value=a", "type=semver,pattern={{version}}", "type=raw,value=b,priority=900", "type=edge"])
        #expect(rules.map { $0["value"] ?? $0.kind.rawValue } == ["", "b", "edge", "a", "sha"])
        #expect(rules.map(\.kind) == [.semver, .raw, .edge, .raw, .sha])
    }

    @Test func nonNumericPrioritiesFollowV8Sort() throws {
        // NaN compares as "equal" to everything, so V8 sees one ascending run and keeps it.
        let rules = try TagRule.rules(from: ["type=sha,priority=2000", "type=semver,pattern={{version}}", "type=raw,value=z,priority=abc", "type=raw,value=y,priority=950"])
        #expect(rules.map { $0["priority"]! } == ["2000", "900", "abc", "950"])
    }
}
