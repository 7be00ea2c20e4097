/// The flags of a regular expression (`dgimsuvy`).
struct RegExpFlags: Sendable, Equatable {
    var hasIndices = false
    var global = false
    var ignoreCase = false
    var multiline = false
    var dotAll = false
    var unicode = false
    var unicodeSets = false
    var sticky = false

    /// Parses a flags string like the RegExp constructor; nil when V8 would throw.
    init?(_ text: String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "d": if hasIndices { return nil } else { hasIndices = true }
            case "g": if global { return nil } else { global = true }
            case "i": if ignoreCase { return nil } else { ignoreCase = true }
            case "m": if multiline { return nil } else { multiline = true }
            case "s": if dotAll { return nil } else { dotAll = true }
            case "u": if unicode { return nil } else { unicode = true }
            case "v": if unicodeSets { return nil } else { unicodeSets = true }
            case "y": if sticky { return nil } else { sticky = true }
            default: return nil
            }
        }
        if unicode && unicodeSets { return nil }
    }

    /// Whether the pattern is parsed and matched by code point (`u` or `v`).
    var unicodeMode: Bool { unicode || unicodeSets }

    /// The flags in V8's canonical order, as printed in error messages.
    var canonicalText: String {
        var text = ""
        if hasIndices { text += "d" }
        if global { text += "g" }
        if ignoreCase { text += "i" }
        if multiline { text += "m" }
        if dotAll { text += "s" }
        if unicode { text += "u" }
        if unicodeSets { text += "v" }
        if sticky { text += "y" }
        return text
    }
}
