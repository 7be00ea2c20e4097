/// Semantic values on the LR parser's value stack.
enum SemVal {
    case none
    case token(String)
    case program(Program)
    case statement(Statement)
    case statements([Statement])
    case contents([ContentNode])
    case expr(Expr)
    case exprs([Expr])
    case pair(String, Expr)
    case pairs([(String, Expr)])
    case ids([String])
    case segments([(part: String, original: String, separator: String?)])
    case open(OpenTag)
    case close(Expr, StripFlags)
    case inverse(InverseInfo)
}

/// The parts of an opening tag (`{{#x ...}}`, `{{^x}}`, `{{else x}}`, `{{{{x}}}}`, `{{#> x}}`).
struct OpenTag {
    var openText: String
    var path: Expr
    var params: [Expr]
    var hash: [(String, Expr)]?
    var blockParams: [String]?
    var strip: StripFlags
}

/// An `{{else}}` section: its strip flags, program and whether it is an `{{else x}}` chain.
struct InverseInfo {
    var strip: StripFlags
    var program: Program
    var chain: Bool
}

/// LR(1) driver using the generated tables, emulating Jison's parse loop and error messages.
struct Parser {
    private static let tables: [[Int: Int]] = ParserTables.rows.map { row in
        var d: [Int: Int] = [:]
        var i = 0
        while i + 1 < row.count {
            d[row[i]] = row[i + 1]
            i += 2
        }
        return d
    }

    private static let defaultActions: [Int: Int] = {
        var out: [Int: Int] = [:]
        for (s, row) in tables.enumerated() where row.count == 1 {
            if let v = row.values.first, v < 0 { out[s] = v }
        }
        return out
    }()

    var lexer: Lexer

    init(_ source: String) {
        lexer = Lexer(source)
    }

    /// Parses the whole source into a program (Handlebars' `parseWithoutProcessing`).
    mutating func parse() throws(HandlebarsError) -> Program {
        var states = [0]
        var values: [SemVal] = [.none]
        var locs: [Loc] = [lexer.yylloc]
        var symbol: Int?
        var lastLine = 0
        while true {
            let state = states[states.count - 1]
            let action: Int?
            if let d = Parser.defaultActions[state] {
                action = d
            } else {
                if symbol == nil { symbol = try lexer.lex() }
                action = Parser.tables[state][symbol ?? 0]
            }
            guard let act = action, act != 0 else {
                throw HandlebarsError.parse(errorMessage(state: state, symbol: symbol ?? 0, line: lastLine))
            }
            if act > 0 {
                states.append(symbol ?? 0)
                values.append(.token(String(decoding: lexer.yytext, as: UTF16.self)))
                locs.append(lexer.yylloc)
                states.append(act)
                symbol = nil
                lastLine = lexer.yylineno
                continue
            }
            let prod = ParserTables.productions[-act]
            let n = prod.length
            let first = locs[locs.count - max(n, 1)]
            let last = locs[locs.count - 1]
            let loc = Loc(firstLine: first.firstLine, lastLine: last.lastLine, firstColumn: first.firstColumn, lastColumn: last.lastColumn)
            let args = Array(values.suffix(n))
            let argLocs = Array(locs.suffix(n))
            if prod.action == .root, case .program(let p) = args[0] { return p }
            let result = try Reducer.reduce(prod.action, args, argLocs, loc)
            states.removeLast(2 * n)
            values.removeLast(n)
            locs.removeLast(n)
            let top = states[states.count - 1]
            states.append(prod.lhs)
            values.append(result)
            locs.append(loc)
            states.append(Parser.tables[top][prod.lhs] ?? 0)
        }
    }

    private func errorMessage(state: Int, symbol: Int, line: Int) -> String {
        let expected = Parser.tables[state].keys.sorted().compactMap { k -> String? in
            guard k > 2, let name = ParserTables.terminalNames[k] else { return nil }
            return "'\(name)'"
        }
        let got: String
        if symbol == Lexer.invalid {
            got = "INVALID"
        } else {
            got = ParserTables.terminalNames[symbol] ?? String(symbol)
        }
        return "Parse error on line \(line + 1):\n" + lexer.showPosition()
            + "\nExpecting " + expected.joined(separator: ", ") + ", got '" + got + "'"
    }
}
