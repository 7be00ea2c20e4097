/// Character classes: legacy/`u` ClassRanges and `v` ClassSetExpressions.
extension RegExpParser {
    /// The kinds of ClassSetOperand (V8's ClassSetOperandType).
    enum OperandKind { case character, escape, strings, nested, range }

    /// Parses a class at `current == "["` and returns its matcher node.
    mutating func parseCharacterClassAtom() throws(RegExpSyntaxIssue) -> RegExpNode {
        let (value, negated) = try parseCharacterClass()
        return value.node(negated: negated)
    }

    /// Parses a class; with `v` the negation is already applied and `negated` is false.
    mutating func parseCharacterClass() throws(RegExpSyntaxIssue) -> (ClassValue, negated: Bool) {
        if openGroups.count + classNesting >= RegExpParser.maxNesting { throw .stackOverflow }
        classNesting += 1
        defer { classNesting -= 1 }
        advance()
        var negated = false
        if current == 0x5E {
            negated = true
            advance()
        }
        if current == 0x5D {
            advance()
            if unicodeSets && negated { return (ClassValue(set: .all), false) }
            return (ClassValue(), negated)
        }
        if !unicodeSets {
            var ranges: [ClosedRange<UInt32>] = []
            try parseClassRanges(into: &ranges)
            if !hasMore { throw .unterminatedCharacterClass }
            advance()
            return (ClassValue(set: CodePointSet(ranges: ranges)), negated)
        }
        let (first, kind, char) = try parseClassSetOperand()
        var value: ClassValue
        if current == 0x2D && next() == 0x2D {
            value = try parseClassSetOperation(first: first, intersection: false)
        } else if current == 0x26 && next() == 0x26 {
            value = try parseClassSetOperation(first: first, intersection: true)
        } else {
            value = try parseClassUnion(first: first, kind: kind, char: char)
        }
        if negated {
            if value.mayContainStrings { throw .negatedClassWithStrings }
            value = ClassValue(set: value.set.inverted())
        }
        return (value, false)
    }

    private mutating func parseClassRanges(into ranges: inout [ClosedRange<UInt32>]) throws(RegExpSyntaxIssue) {
        while hasMore && current != 0x5D {
            let (char1, set1) = try parseClassEscape()
            if let set1 { ranges += set1.set.ranges }
            guard current == 0x2D else {
                if set1 == nil { ranges.append(char1...char1) }
                continue
            }
            advance()
            if !hasMore { break }
            if current == 0x5D {
                if set1 == nil { ranges.append(char1...char1) }
                ranges.append(0x2D...0x2D)
                break
            }
            let (char2, set2) = try parseClassEscape()
            if let set2 { ranges += set2.set.ranges }
            if set1 != nil || set2 != nil {
                if unicodeMode { throw .invalidCharacterClass }
                if set1 == nil { ranges.append(char1...char1) }
                ranges.append(0x2D...0x2D)
                if set2 == nil { ranges.append(char2...char2) }
                continue
            }
            if char1 > char2 { throw .outOfOrderCharacterClass }
            ranges.append(char1...char2)
        }
    }

    /// One ClassAtom: a character, or a class escape's set.
    private mutating func parseClassEscape() throws(RegExpSyntaxIssue) -> (UInt32, ClassValue?) {
        if current != 0x5C {
            let c = current
            advance()
            return (c, nil)
        }
        let escaped = next()
        switch escaped {
        case 0x62:
            advance(by: 2)
            return (0x08, nil)
        case 0x2D where unicodeMode:
            advance(by: 2)
            return (0x2D, nil)
        case RegExpParser.endMarker:
            throw .escapeAtEndOfPattern
        default:
            break
        }
        if let value = try parseClassEscapeSet(escaped, inClass: true) { return (0, value) }
        return (try parseCharacterEscape(inClass: true), nil)
    }

    /// `\d \D \s \S \w \W` and (Unicode mode) `\p{…} \P{…}`; nil when `escaped` is none of them.
    mutating func parseClassEscapeSet(_ escaped: UInt32, inClass: Bool) throws(RegExpSyntaxIssue) -> ClassValue? {
        var set: CodePointSet
        switch escaped {
        case 0x64, 0x44: set = UnicodeProperties.digits
        case 0x73, 0x53: set = UnicodeProperties.whiteSpace
        case 0x77, 0x57:
            set = UnicodeProperties.wordCharacters
            if unicodeMode && ignoreCase { set = CaseEquivalence.unicode.closure(of: set) }
        case 0x70, 0x50:
            guard unicodeMode else { return nil }
            advance(by: 2)
            guard let value = parsePropertyEscape(negated: escaped == 0x50) else {
                throw inClass ? .invalidClassPropertyName : .invalidPropertyName
            }
            return value
        default:
            return nil
        }
        advance(by: 2)
        let negated = escaped == 0x44 || escaped == 0x53 || escaped == 0x57
        return ClassValue(set: negated ? set.inverted() : set)
    }

    /// Parses `{name}` / `{name=value}` after `\p`/`\P` and looks it up.
    private mutating func parsePropertyEscape(negated: Bool) -> ClassValue? {
        guard current == 0x7B else { return nil }
        var name = ""
        var value: String? = nil
        advance()
        while current != 0x7D && current != 0x3D {
            guard RegExpParser.isPropertyNameCharacter(current), hasNext, let scalar = Unicode.Scalar(current) else {
                return nil
            }
            name.unicodeScalars.append(scalar)
            advance()
        }
        if current == 0x3D {
            var text = ""
            advance()
            while current != 0x7D {
                guard RegExpParser.isPropertyNameCharacter(current), hasNext, let scalar = Unicode.Scalar(current) else {
                    return nil
                }
                text.unicodeScalars.append(scalar)
                advance()
            }
            value = text
        }
        advance()
        let key = value.map { name + "=" + $0 } ?? name
        if var set = UnicodeProperties.set(named: key) {
            if unicodeSets && ignoreCase { set = CaseEquivalence.unicode.closure(of: set) }
            return ClassValue(set: negated ? set.inverted() : set)
        }
        if unicodeSets && !negated && value == nil, let strings = EmojiStringProperties.value(named: name) {
            var result = strings
            if ignoreCase { result.set = CaseEquivalence.unicode.closure(of: result.set) }
            return result
        }
        return nil
    }

    static func isPropertyNameCharacter(_ c: UInt32) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F
    }

    // MARK: v-mode

    private mutating func parseClassSetOperand() throws(RegExpSyntaxIssue) -> (ClassValue, OperandKind, UInt32) {
        let c = current
        if c == 0x5C {
            let escaped = next()
            switch escaped {
            case 0x62:
                advance(by: 2)
                return (characterValue(0x08), .character, 0x08)
            case 0x71:
                return (try parseClassStringDisjunction(), .strings, 0)
            case RegExpParser.endMarker:
                throw .escapeAtEndOfPattern
            default:
                break
            }
            if let value = try parseClassEscapeSet(escaped, inClass: true) { return (value, .escape, 0) }
            let char = try parseCharacterEscape(inClass: true)
            return (characterValue(char), .character, char)
        }
        if c == 0x5B {
            let (value, _) = try parseCharacterClass()
            return (value, .nested, 0)
        }
        if RegExpParser.isClassSetSyntaxCharacter(c) { throw .invalidCharacterInClass }
        if isClassSetReservedDoublePunctuator(c) { throw .invalidClassSetOperation }
        advance()
        return (characterValue(c), .character, c)
    }

    private func characterValue(_ c: UInt32) -> ClassValue {
        let set = CodePointSet(single: c)
        return ClassValue(set: ignoreCase ? CaseEquivalence.unicode.closure(of: set) : set)
    }

    private mutating func parseClassUnion(first: ClassValue, kind: OperandKind, char: UInt32) throws(RegExpSyntaxIssue) -> ClassValue {
        var result = first
        var lastKind = kind
        var lastChar = char
        while hasMore && current != 0x5D {
            if current == 0x2D {
                if next() == 0x2D { throw .invalidClassSetOperation }
                advance()
                if !hasMore { break }
                if lastKind != .character { throw .invalidCharacterClass }
                let (_, rightKind, rightChar) = try parseClassSetOperand()
                if rightKind != .character { throw .invalidCharacterClass }
                if lastChar > rightChar { throw .outOfOrderCharacterClass }
                var range = CodePointSet(ranges: [lastChar...rightChar])
                if ignoreCase { range = CaseEquivalence.unicode.closure(of: range) }
                result.formUnion(ClassValue(set: range), ignoreCase: ignoreCase)
                lastKind = .range
            } else {
                let (operand, operandKind, operandChar) = try parseClassSetOperand()
                result.formUnion(operand, ignoreCase: ignoreCase)
                lastKind = operandKind
                lastChar = operandChar
            }
        }
        if !hasMore { throw .unterminatedCharacterClass }
        advance()
        return result
    }

    private mutating func parseClassSetOperation(first: ClassValue, intersection: Bool) throws(RegExpSyntaxIssue) -> ClassValue {
        var result = first
        let symbol: UInt32 = intersection ? 0x26 : 0x2D
        while hasMore && current != 0x5D {
            if current != symbol || next() != symbol { throw .invalidClassSetOperation }
            advance(by: 2)
            if intersection && current == 0x26 { throw .invalidCharacterInClass }
            let (operand, _, _) = try parseClassSetOperand()
            if intersection {
                result.formIntersection(operand, ignoreCase: ignoreCase)
            } else {
                result.formSubtraction(operand, ignoreCase: ignoreCase)
            }
        }
        if !hasMore { throw .unterminatedCharacterClass }
        advance()
        return result
    }

    /// Parses `\q{a|bc|…}` at `current == "\\"`.
    private mutating func parseClassStringDisjunction() throws(RegExpSyntaxIssue) -> ClassValue {
        advance(by: 2)
        if current != 0x7B { throw .invalidEscape }
        advance()
        var strings: [[UInt32]] = []
        var string: [UInt32] = []
        while hasMore && current != 0x7D {
            if current == 0x7C {
                strings.append(string)
                string = []
                advance()
                continue
            }
            if current == 0x5C {
                if next() == RegExpParser.endMarker { throw .escapeAtEndOfPattern }
                if next() == 0x62 {
                    advance(by: 2)
                    string.append(0x08)
                } else {
                    string.append(try parseCharacterEscape(inClass: true))
                }
                continue
            }
            if RegExpParser.isClassSetSyntaxCharacter(current) { throw .invalidCharacterInClass }
            if isClassSetReservedDoublePunctuator(current) { throw .invalidClassSetOperation }
            string.append(current)
            advance()
        }
        strings.append(string)
        if !hasMore { throw .unterminatedCharacterClass }
        advance()
        var value = ClassValue()
        for item in strings {
            if item.count == 1 {
                value.formUnion(characterValue(item[0]), ignoreCase: ignoreCase)
            } else {
                value.formUnion(ClassValue(set: CodePointSet(), strings: [item], mayContainStrings: true),
                                ignoreCase: ignoreCase)
            }
        }
        return value
    }
}
