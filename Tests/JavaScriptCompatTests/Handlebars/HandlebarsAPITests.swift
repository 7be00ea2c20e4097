import Testing
@testable import JavaScriptCompat

// Expected strings below were produced by node v20 (`String(v)` / Handlebars in metadata-action).
@Test(arguments: [
    (1e21, "1e+21"), (1.5e-7, "1.5e-7"), (0.000001, "0.000001"), (123456789012345683968, "123456789012345680000"),
    (-0.0, "0"), (0.1 + 0.2, "0.30000000000000004"), (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
    (-1.5, "-1.5"), (100, "100"), (9007199254740992, "9007199254740992"), (1.2e-6, "0.0000012")
])
func numberToString(_ value: Double, _ expected: String) {
    #expect(JavaScriptNumber.string(value) == expected)
}

@Test func escapingOfNonStrings() throws {
    let t = try HandlebarsTemplate("{{a}}|{{b}}|{{c}}|{{d}}|{{e}}|{{f}}|{{{g}}}")
    let ctx = HandlebarsValue.object(HandlebarsObject([
        ("a", .null), ("b", .bool(false)), ("c", .number(0)), ("d", .array([.string("x"), .null, .number(1.5)])),
        ("e", .object(HandlebarsObject())), ("f", .string("<&\"'`=>")), ("g", .string("<&>"))
    ]))
    #expect(try t.render(ctx) == "|false|0|x,,1.5|[object Object]|&lt;&amp;&quot;&#x27;&#x60;&#x3D;&gt;|<&>")
}

@Test func functionCallShapes() throws {
    // `{{f}}` passes an options object, `{{this.f}}` calls with no arguments, `{{f 1 k=2}}` passes params and hash.
    let f = HandlebarsFunction(name: "f", arity: 0) { (call: HandlebarsCall) throws(HandlebarsError) -> HandlebarsValue in
        .string("\(call.params.count):\(call.hash.map { $0.0 }.joined()):\(call.options == nil ? "none" : "opts")")
    }
    let ctx = HandlebarsValue.object(HandlebarsObject([("f", .function(f))]))
    #expect(try HandlebarsTemplate("{{f}}").render(ctx) == "0::opts")
    #expect(try HandlebarsTemplate("{{this.f}}").render(ctx) == "0::none")
    #expect(try HandlebarsTemplate("{{f 1 k=2 j=3}}").render(ctx) == "1:jk:opts")
}

@Test func thrownErrorsPropagate() throws {
    let f = HandlebarsFunction { (_: HandlebarsValue, _: [HandlebarsValue], _: [(String, HandlebarsValue)]) throws(HandlebarsError) -> HandlebarsValue in
        throw HandlebarsError.runtime("boom")
    }
    let ctx = HandlebarsValue.object(HandlebarsObject([("f", .function(f))]))
    #expect(throws: HandlebarsError.runtime("boom")) { try HandlebarsTemplate("x{{f}}").render(ctx) }
    #expect(throws: HandlebarsError.runtime("Missing helper: \"g\"")) { try HandlebarsTemplate("{{g 1}}").render(ctx) }
}

@Test func parseErrorsAreThrownByInit() {
    #expect(throws: HandlebarsError.parse("Parse error on line 1:\n{{ branch\n---^\nExpecting 'ID', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', got 'INVALID'")) {
        try HandlebarsTemplate("{{ branch")
    }
}

@Test(arguments: [
    ("{{raw}}", true), ("{{ raw }}", true), ("{{{raw}}}", true), ("{{[raw]}}", true), ("{{this.raw}}", true), ("{{@raw}}", true),
    ("{{raw x}}", true), ("{{raw}}x", false), ("{{#raw}}{{/raw}}", false), ("{{\"raw\"}}", false), ("{{raw.x}}", false),
    ("{{*raw}}", false), ("{{raw", false), ("{{RAW}}", false), ("", false)
])
func rawStatement(_ source: String, _ expected: Bool) {
    #expect(HandlebarsTemplate.isRawStatement(source) == expected)
}

@Test func prototypePropertiesAreHidden() throws {
    let ctx = HandlebarsValue.object(HandlebarsObject([("a", .string("x"))]))
    #expect(try HandlebarsTemplate("[{{constructor}}{{__proto__}}{{toString}}{{a.length}}]").render(ctx) == "[1]")
}
