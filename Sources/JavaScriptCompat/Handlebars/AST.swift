/// A source location (1-based line, 0-based column), as Handlebars reports in errors.
struct SourceLoc: Sendable {
    var startLine: Int
    var startColumn: Int

    init(_ l: Loc) {
        startLine = l.firstLine
        startColumn = l.firstColumn
    }

    /// The " - line:column" suffix Handlebars appends to exception messages.
    var suffix: String { " - \(startLine):\(startColumn)" }
}

/// A path expression (`a.b`, `../x`, `@root`, `this`).
struct PathExpr: Sendable {
    var data: Bool
    var depth: Int
    var parts: [String]
    var original: String
    var loc: SourceLoc
}

/// An expression usable as a mustache path, parameter or hash value.
indirect enum Expr: Sendable {
    case path(PathExpr)
    case sub(SubExpr)
    case string(String, SourceLoc)
    case number(Double, SourceLoc)
    case bool(Bool, SourceLoc)
    case undefined(SourceLoc)
    case null(SourceLoc)

    /// `literal.original + ''` as used by transformLiteralToPath, or nil for paths/subexpressions.
    var literalOriginal: String? {
        switch self {
        case .string(let s, _): return s
        case .number(let d, _): return JavaScriptNumber.string(d)
        case .bool(let b, _): return b ? "true" : "false"
        case .undefined: return "undefined"
        case .null: return "null"
        case .path, .sub: return nil
        }
    }

    var loc: SourceLoc {
        switch self {
        case .path(let p): return p.loc
        case .sub(let s): return s.loc
        case .string(_, let l), .number(_, let l), .bool(_, let l), .undefined(let l), .null(let l): return l
        }
    }

    /// The `original` property as a string (for partial names).
    var originalText: String {
        switch self {
        case .path(let p): return p.original
        case .sub: return "undefined"
        default: return literalOriginal ?? ""
        }
    }
}

/// A subexpression `(helper params hash)`.
struct SubExpr: Sendable {
    var path: Expr
    var params: [Expr]
    var hash: [(String, Expr)]?
    var loc: SourceLoc
}

/// Whitespace-control flags of a tag (`{{~` and `~}}`).
struct StripFlags: Sendable {
    var open = false
    var close = false
}

/// A mustache `{{x}}` / `{{{x}}}` (or a decorator `{{*x}}`).
struct MustacheNode: Sendable {
    var path: Expr
    var params: [Expr]
    var hash: [(String, Expr)]?
    var escaped: Bool
    var isDecorator: Bool
    var strip: StripFlags
    var loc: SourceLoc
}

/// Text content.
struct ContentNode: Sendable {
    var original: String
    var value: String
    var rightStripped = false
    var leftStripped = false
}

/// A block statement (also raw blocks, decorator blocks).
struct BlockNode: Sendable {
    var path: Expr
    var params: [Expr]
    var hash: [(String, Expr)]?
    var program: Program?
    var inverse: Program?
    var openStrip: StripFlags
    var inverseStrip: StripFlags?
    var closeStrip: StripFlags?
    var isDecorator: Bool
    var loc: SourceLoc
}

/// A partial `{{> name}}` or partial block `{{#> name}}...{{/name}}`.
struct PartialNode: Sendable {
    var name: Expr
    var params: [Expr]
    var hash: [(String, Expr)]?
    var program: Program?
    var indent: String
    var strip: StripFlags
    var closeStrip: StripFlags?
    var isBlock: Bool
    var loc: SourceLoc
}

/// One statement of a program body.
enum Statement: Sendable {
    case mustache(MustacheNode)
    case block(BlockNode)
    case content(ContentNode)
    case comment(StripFlags)
    case partial(PartialNode)

    var isContent: Bool {
        if case .content = self { return true }
        return false
    }
}

/// A program: a list of statements (a template body or a block body).
struct Program: Sendable {
    var body: [Statement]
    var blockParams: [String]?
    var chained = false
    var loc: SourceLoc?
}
