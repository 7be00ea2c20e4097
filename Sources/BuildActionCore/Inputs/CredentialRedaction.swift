/// Credentials recognised by their name rather than their value: build arguments like
/// `GITHUB_TOKEN=...` and cache or output attributes like `secret_access_key=...` reach
/// buildx's command line, which the log records. The `secrets` input's values are known and
/// redacted by value; these are redacted wherever a `name=value` pair names a credential.
///
/// The rule, on the name upper-cased and split into words at `_`, `-` and `.`: a word contains
/// TOKEN, PASSWORD, PASSWD, PASSPHRASE, SECRET or CREDENTIAL; or a word is PASS, PAT or AUTH; or
/// a word ends in KEY or KEYS (KEY, API_KEY, APIKEY, access_key_id, SSH_KEYS). It covers the
/// credential attributes of buildx's caches and exporters (s3: `access_key_id`,
/// `secret_access_key`, `session_token`; gha: `token`; azblob: `secret_access_key`) and the
/// usual names of build arguments that carry one; a false match only hides a value in the log.
public enum CredentialRedaction {
    /// What replaces a credential's value.
    public static let placeholder = "***"

    /// Whether `name` (a build argument or an attribute name) names a credential.
    public static func isCredentialName(_ name: String) -> Bool {
        let words = name.uppercased().split { $0 == "_" || $0 == "-" || $0 == "." }
        return words.contains { word in
            ["TOKEN", "PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "CREDENTIAL"].contains { word.contains($0) }
                || ["PASS", "PAT", "AUTH"].contains(String(word)) || word.hasSuffix("KEY") || word.hasSuffix("KEYS")
        }
    }

    /// One command-line argument: `NAME=value` with a credential name (a `--build-arg`) becomes
    /// `NAME=***`, whatever the value holds; other arguments go through `redact(_:)`.
    public static func redactArgument(_ argument: String) -> String {
        if let equals = argument.firstIndex(of: "="), isName(argument[..<equals]), isCredentialName(String(argument[..<equals])),
           argument.index(after: equals) < argument.endIndex {
            return argument[...equals] + placeholder
        }
        return redact(argument)
    }

    /// `text` with the value of every `name=value` whose name names a credential replaced by
    /// `***`. A value ends at whitespace, `,`, `;`, `&`, a quote or a closing bracket (CSV
    /// attributes, URL queries, quoted messages).
    public static func redact(_ text: String) -> String {
        guard text.contains("=") else { return text }
        let characters = Array(text)
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            output.append(character)
            index += 1
            guard character == "=" else { continue }
            var start = index - 1
            while start > 0, isNameCharacter(characters[start - 1]) { start -= 1 }
            let name = String(characters[start..<(index - 1)])
            guard !name.isEmpty, isCredentialName(name) else { continue }
            var end = index
            while end < characters.count, !isValueEnd(characters[end]) { end += 1 }
            if end > index {
                output += placeholder
                index = end
            }
        }
        return output
    }

    private static func isName(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy(isNameCharacter)
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-" || character == ".")
    }

    private static func isValueEnd(_ character: Character) -> Bool {
        character.isWhitespace || ",;&\"'`)]}>".contains(character)
    }
}
