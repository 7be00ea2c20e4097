/// The docker reference grammar pieces used by image and tag references.
enum ReferenceGrammar {
    /// Maximum length of a full name, registry included (`NameTotalLengthMax`).
    static let maximumNameLength = 255

    /// Maximum length of a tag.
    static let maximumTagLength = 128

    /// Whether `component` matches `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`.
    static func isValidPathComponent(_ component: Substring) -> Bool {
        let s = Array(component.unicodeScalars)
        var i = 0
        guard consumeAlnumRun(s, &i) else { return false }
        while i < s.count {
            guard consumeSeparator(s, &i), consumeAlnumRun(s, &i) else { return false }
        }
        return true
    }

    /// Whether `tag` matches `[\w][\w.-]{0,127}` with `\w` = `[A-Za-z0-9_]`.
    static func isValidTag(_ tag: String) -> Bool {
        let s = Array(tag.unicodeScalars)
        guard let first = s.first, s.count <= maximumTagLength else { return false }
        guard isWordCharacter(first) else { return false }
        return s.allSatisfy { isWordCharacter($0) || $0 == "." || $0 == "-" }
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        InputText.isAlnum(scalar) || scalar == "_"
    }

    private static func consumeAlnumRun(_ s: [Unicode.Scalar], _ i: inout Int) -> Bool {
        let start = i
        while i < s.count, InputText.isLowerAlnum(s[i]) { i += 1 }
        return i > start
    }

    private static func consumeSeparator(_ s: [Unicode.Scalar], _ i: inout Int) -> Bool {
        switch s[i] {
        case ".":
            i += 1
        case "_":
            i += (i + 1 < s.count && s[i + 1] == "_") ? 2 : 1
        case "-":
            while i < s.count, s[i] == "-" { i += 1 }
        default:
            return false
        }
        return true
    }
}
