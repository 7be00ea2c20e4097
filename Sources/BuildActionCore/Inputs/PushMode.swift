/// The `push` input: `auto`, or a YAML 1.2 boolean.
public enum PushMode: String, Sendable, Equatable, CaseIterable {
    /// `auto`: the action decides (for example, no push for pull requests).
    case auto
    /// `true`: always push.
    case always
    /// `false`: never push.
    case never

    /// Parses `value` (trimmed): `auto|Auto|AUTO` or a boolean accepted by `ActionBoolean`.
    /// - Parameter input: the input name used in errors (default `push`).
    public static func parse(_ value: String, input: String = "push") throws(InputError) -> PushMode {
        let trimmed = InputText.trimmed(value)
        if ["auto", "Auto", "AUTO"].contains(trimmed) { return .auto }
        if let flag = ActionBoolean.spellings[trimmed] { return flag ? .always : .never }
        throw InputError(input: input, value: value, reason: "is not auto, true or false",
                         fix: "Use auto, true or false.")
    }
}
