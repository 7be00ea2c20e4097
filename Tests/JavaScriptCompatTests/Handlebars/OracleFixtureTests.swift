import Foundation
import Testing
@testable import JavaScriptCompat

/// One probe recorded from the real metadata-action v6.2.0 (see Tools/gen_fixtures.py).
struct Probe: Decodable, CustomTestStringConvertible, Sendable {
    let ctx: String
    let src: String?
    let tpl: String?
    let value: String?
    let out: String?
    let err: String?
    let tagNames: [String]?

    var testDescription: String { (src ?? tpl ?? "") + (value.map { " @" + $0 } ?? "") }
}

enum HandlebarsFixtures {
    static let probes: [Probe] = load("probes") + load("extra")

    static func load(_ name: String) -> [Probe] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/handlebars/\(name).json")
        guard let data = try? Data(contentsOf: url),
              let list = try? JSONDecoder().decode([Probe].self, from: data) else { return [] }
        // CSV quoting errors of the tag parser are not Handlebars behaviour; a carriage return splits
        // an input line, so such probes did not reach Handlebars as written.
        return list.filter { !($0.err ?? "").hasPrefix("Invalid Opening Quote") && !($0.src ?? "").contains("\r") }
    }

    static var labelProbes: [Probe] { probes.filter { $0.ctx == "ma" } }
    static var semverProbes: [Probe] { probes.filter { $0.ctx == "semver" } }
}

/// Renders like metadata-action: compile lazily, so parse errors surface as errors of the render.
func renderLikeAction(_ source: String, _ context: HandlebarsValue) -> Result<String, HandlebarsError> {
    do {
        let t = try HandlebarsTemplate(source)
        return .success(try t.render(context))
    } catch {
        return .failure(error)
    }
}

@Test func fixturesLoaded() {
    #expect(HandlebarsFixtures.probes.count > 380)
    #expect(HandlebarsFixtures.probes.contains { $0.err != nil })
}

@Test(arguments: HandlebarsFixtures.labelProbes)
func labelProbe(_ p: Probe) {
    let result = renderLikeAction(p.src ?? "", TestContexts.metadataAction())
    if let err = p.err {
        switch result {
        case .success(let s): Issue.record("expected error \(err.debugDescription), got output \(s.debugDescription)")
        case .failure(let e): #expect(e.message == err)
        }
    } else {
        switch result {
        case .success(let s): #expect(s == p.out)
        case .failure(let e): Issue.record("expected \((p.out ?? "").debugDescription), got error \(e.message.debugDescription)")
        }
    }
}

@Test(arguments: HandlebarsFixtures.semverProbes)
func semverProbe(_ p: Probe) {
    let value = p.value ?? ""
    let ctx = TestContexts.semver(value)
    let isPrerelease = value.contains("-")
    var pattern = p.tpl ?? ""
    if isPrerelease && !HandlebarsTemplate.isRawStatement(pattern) { pattern = "{{version}}" }
    let result = renderLikeAction(pattern, ctx)
    if let err = p.err {
        switch result {
        case .success(let s): Issue.record("expected error \(err.debugDescription), got \(s.debugDescription)")
        case .failure(let e): #expect(e.message == err)
        }
        return
    }
    switch result {
    case .success(let s):
        let tag = TestContexts.sanitizeTag(s)
        #expect((tag.isEmpty ? [] : [tag]) == Array((p.tagNames ?? []).filter { $0 != "latest" }))
    case .failure(let e):
        Issue.record("unexpected error \(e.message.debugDescription)")
    }
}
