/// A compiled Handlebars template (`handlebars.compile(source)`).
public struct HandlebarsTemplate: Sendable {
    let program: Program

    /// Parses `source` (lexer, parser, AST checks and whitespace control); throws Handlebars' exact parse error.
    public init(_ source: String) throws(HandlebarsError) {
        var parser = Parser(source)
        var program = try parser.parse()
        var wc = WhitespaceControl()
        wc.program(&program)
        self.program = program
    }

    /// Renders the template with `context` (HTML escaping on, non-strict, prototype access restricted).
    public func render(_ context: HandlebarsValue) throws(HandlebarsError) -> String {
        try Evaluator().render(program, context)
    }

    /// handlebars.parseWithoutProcessing-based check used by metadata-action
    public static func isRawStatement(_ source: String) -> Bool {
        var parser = Parser(source)
        guard let program = try? parser.parse(), program.body.count == 1,
              case .mustache(let m) = program.body[0], !m.isDecorator,
              case .path(let path) = m.path else { return false }
        return path.parts == ["raw"]
    }
}
