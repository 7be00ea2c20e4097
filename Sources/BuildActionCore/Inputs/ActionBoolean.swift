/// Boolean inputs the way `core.getBooleanInput` reads them: YAML 1.2 core-schema booleans only.
public enum ActionBoolean {
    /// The accepted spellings and their values.
    public static let spellings: [String: Bool] = [
        "true": true, "True": true, "TRUE": true,
        "false": false, "False": false, "FALSE": false
    ]

    /// Parses `value` (trimmed like `core.getInput`): exactly `true|True|TRUE|false|False|FALSE`.
    /// - Parameter input: the input name used in errors.
    public static func parse(_ value: String, input: String) throws(InputError) -> Bool {
        if let result = spellings[InputText.trimmed(value)] { return result }
        throw InputError(input: input, value: value, reason: "is not a boolean",
                         fix: "Use true or false (YAML 1.2 core schema: true, True, TRUE, false, False, FALSE).")
    }
}
