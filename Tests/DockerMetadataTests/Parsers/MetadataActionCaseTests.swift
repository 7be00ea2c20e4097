import JavaScriptCompat
import Testing
@testable import DockerMetadata

/// One end-to-end probe recorded through the real metadata-action (generate-ma-cases.py).
struct MACaseFixture: Codable, Sendable, CustomStringConvertible {
    struct Rule: Codable, Sendable {
        let type: String
        let value: String
        let pattern: String
        let prefix: String
    }
    struct Oracle: Codable, Sendable {
        let tags: [String]?
        let labels: [String]?
        let warnings: [String]
        let error: String?
    }
    let kind: String
    let rules: [Rule]?
    let input: String?
    let oracle: Oracle
    var description: String {
        "\(kind) \(rules.map { "\($0.first?.type ?? "") \($0.first?.pattern ?? "")" } ?? (input ?? "").debugDescription)"
    }
}

/// Test-only glue reproducing the parts of metadata-action around the parsers.
private enum Glue {
    /// `Meta.sanitizeTag`: runs of characters outside `[a-zA-Z0-9._-]` become `-`.
    static func sanitize(_ tag: String) -> String {
        var out = ""
        var inRun = false
        for scalar in tag.unicodeScalars {
            let allowed = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || scalar == "." || scalar == "_" || scalar == "-")
            if allowed {
                out.unicodeScalars.append(scalar)
                inRun = false
            } else if !inRun {
                out += "-"
                inRun = true
            }
        }
        return out
    }

    static func fill(_ template: String, _ values: [String: String]) -> String {
        values.reduce(template) { $0.replacingOccurrences(of: "{{\($1.key)}}", with: $1.value) }
    }

    /// procSemver: the tag text or the warning.
    static func semver(_ rule: MACaseFixture.Rule) -> (tag: String?, warning: String?) {
        let vraw = rule.value.replacingOccurrences(of: "/", with: "-")
        guard SemVer.valid(vraw) != nil, let sver = SemVer.parse(vraw, loose: true) else {
            return (nil, "\(vraw) is not a valid semver. More info: https://semver.org/")
        }
        let isPre = SemVer.prerelease(vraw) != nil
        let template = isPre && rule.pattern != "{{raw}}" ? "{{version}}" : rule.pattern
        let text = fill(template, ["version": sver.version, "major": String(sver.major),
                                   "minor": String(sver.minor), "patch": String(sver.patch), "raw": sver.raw])
        return (sanitize(rule.prefix + text), nil)
    }

    /// procPep440: the tag text or the warning.
    static func pep440(_ rule: MACaseFixture.Rule) -> (tag: String?, warning: String?) {
        let vraw = rule.value.replacingOccurrences(of: "/", with: "-")
        guard PEP440.valid(vraw) != nil, let info = PEP440.explain(vraw), let clean = PEP440.clean(vraw) else {
            return (nil, "\(vraw) does not conform to PEP 440. More info: https://www.python.org/dev/peps/pep-0440")
        }
        let text: String
        if info.isPrerelease || info.isPostrelease || info.isDevrelease {
            text = rule.pattern == "{{raw}}" ? vraw : clean
        } else {
            let number = { (value: Double?) in value.map { JavaScriptNumber.string($0) } ?? "" }
            text = fill(rule.pattern, ["raw": vraw, "version": clean, "major": number(PEP440.major(vraw)),
                                       "minor": number(PEP440.minor(vraw)), "patch": number(PEP440.patch(vraw))])
        }
        return (sanitize(rule.prefix + text), nil)
    }

    /// Custom labels as metadata-action outputs them (entries with `=`, last value per key, sorted).
    static func labels(_ entries: [String]) -> [String] {
        var values: [String: String] = [:]
        for entry in entries {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        return values.keys.sorted().map { "\($0)=\(values[$0] ?? "")" }
    }
}

@Suite("End-to-end probes through the real metadata-action v6.2.0")
struct MetadataActionCaseTests {
    static let cases = loadFixture("ma-cases", as: [MACaseFixture].self)

    @Test("type=semver / type=pep440 rules: tags and warnings", arguments: cases.filter { $0.kind == "rules" })
    func rules(_ fixture: MACaseFixture) {
        let results = (fixture.rules ?? []).map { $0.type == "semver" ? Glue.semver($0) : Glue.pep440($0) }
        #expect(results.compactMap(\.tag) == (fixture.oracle.tags ?? []))
        #expect(results.compactMap(\.warning) == fixture.oracle.warnings)
        #expect(fixture.oracle.error == nil)
    }

    @Test("labels input goes through Util.getList", arguments: cases.filter { $0.kind == "labels" })
    func labels(_ fixture: MACaseFixture) {
        let input = fixture.input ?? ""
        do {
            let entries = try CSVListParser.inputList(input)
            #expect(fixture.oracle.error == nil)
            let custom = (fixture.oracle.labels ?? []).filter { !$0.hasPrefix("org.opencontainers.") }
            // The runner's GITHUB_OUTPUT parsing drops a `\r` ending an output line.
            let rendered = Glue.labels(entries).joined(separator: "\n").replacingOccurrences(of: "\r\n", with: "\n")
            #expect(rendered == custom.joined(separator: "\n"))
        } catch {
            #expect(error.message == fixture.oracle.error)
        }
    }

    @Test("tags input: getList then per-entry first record; csv errors are the run error",
          arguments: cases.filter { $0.kind == "tags" })
    func tags(_ fixture: MACaseFixture) {
        do {
            var values: [String] = []
            for entry in try CSVListParser.inputList(fixture.input ?? "") {
                let fields = try CSVListParser.firstRecord(entry) ?? []
                values += fields.filter { $0.hasPrefix("value=") }.map { Glue.sanitize(String($0.dropFirst(6))) }
            }
            #expect(fixture.oracle.error == nil)
            #expect(values == fixture.oracle.tags)
        } catch {
            #expect(error.message == fixture.oracle.error)
        }
    }
}
