import Foundation

/// The inputs' defaults as action.yml declares them: the runner passes each one as an
/// `INPUT_<NAME>` variable (expressions evaluated) unless the workflow gives the input, so a
/// scenario sees what users get.
enum ActionDefaults {
    /// action.yml at the package root.
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("action.yml").path

    /// Every input with a default, `${{ github.token }}` and `${{ github.actor }}` evaluated.
    static func inputs(token: String, actor: String) throws -> [String: String] {
        guard let declared = declared else { throw ScenarioError("cannot read the input defaults from \(file)") }
        return declared.mapValues {
            $0.replacingOccurrences(of: "${{ github.token }}", with: token).replacingOccurrences(of: "${{ github.actor }}", with: actor)
        }
    }

    /// The defaults as written, read once.
    private static let declared: [String: String]? = try? read()

    private static func read() throws -> [String: String] {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        var defaults: [String: String] = [:]
        var current: String?
        var inInputs = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if !line.hasPrefix(" "), !line.isEmpty, !line.hasPrefix("#") { inInputs = line == "inputs:" }
            guard inInputs else { continue }
            if let match = line.wholeMatch(of: #/  ([a-z0-9-]+):/#) {
                current = String(match.1)
            } else if let match = line.wholeMatch(of: #/    default: (.*)/#), let name = current {
                var value = String(match.1)
                if value.hasPrefix("'"), value.hasSuffix("'"), value.count >= 2 {
                    value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
                }
                defaults[name] = value
            }
        }
        guard defaults["qemu-image"] != nil, defaults["push"] == "auto" else { throw ScenarioError("cannot read the input defaults from \(file)") }
        return defaults
    }
}
