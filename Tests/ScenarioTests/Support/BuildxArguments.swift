import Foundation

/// `docker buildx build` arguments read the way buildx reads them (flags with values, boolean
/// flags, the context last), so that the fake docker answers what was asked, whatever order
/// `BuildPlan` writes them in. An unknown flag is an error, as in buildx.
struct BuildxArguments: Sendable, Equatable {
    var builder: String?
    var platforms: [String] = []
    var file: String?
    var tags: [String] = []
    var labels: [String] = []
    var annotations: [String] = []
    var buildArgs: [String] = []
    /// `--secret id=ID,src=FILE` values.
    var secrets: [String] = []
    var target: String?
    var pull = false
    var noCache = false
    var provenance: String?
    var sbom: String?
    var cacheFrom: [String] = []
    var cacheTo: [String] = []
    var metadataFile: String?
    var outputs: [String] = []
    var push = false
    var load = false
    var context: String?

    /// Flags that take a value.
    private static let valued: Set<String> = [
        "--builder", "--platform", "--file", "-f", "--tag", "-t", "--label", "--annotation", "--build-arg", "--secret",
        "--target", "--provenance", "--sbom", "--cache-from", "--cache-to", "--metadata-file", "--output", "-o",
    ]

    /// Parses the arguments after `buildx build`; the error is buildx's wording.
    init(parsing arguments: [String]) throws(FakeDockerError) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument.hasPrefix("-") {
                var name = argument, value: String?
                if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                    name = String(argument[..<equals])
                    value = String(argument[argument.index(after: equals)...])
                }
                if Self.valued.contains(name) {
                    guard let given = value ?? rest.popFirst() else { throw FakeDockerError("ERROR: flag needs an argument: \(name)") }
                    try set(name, given)
                } else {
                    switch name {
                    case "--pull": pull = true
                    case "--no-cache": noCache = true
                    case "--push": push = true
                    case "--load": load = true
                    default: throw FakeDockerError("ERROR: unknown flag: \(name)")
                    }
                }
            } else {
                guard context == nil else { throw FakeDockerError("ERROR: \"docker buildx build\" requires exactly 1 argument.") }
                context = argument
            }
        }
        guard context != nil else { throw FakeDockerError("ERROR: \"docker buildx build\" requires exactly 1 argument.") }
    }

    private mutating func set(_ name: String, _ value: String) throws(FakeDockerError) {
        switch name {
        case "--builder": builder = value
        case "--platform": platforms += value.split(separator: ",").map { String($0) }
        case "--file", "-f": file = value
        case "--tag", "-t": tags.append(value)
        case "--label": labels.append(value)
        case "--annotation": annotations.append(value)
        case "--build-arg": buildArgs.append(value)
        case "--secret": secrets.append(value)
        case "--target": target = value
        case "--provenance": provenance = value
        case "--sbom": sbom = value
        case "--cache-from": cacheFrom.append(value)
        case "--cache-to": cacheTo.append(value)
        case "--metadata-file": metadataFile = value
        case "--output", "-o": outputs.append(value)
        default: throw FakeDockerError("ERROR: unknown flag: \(name)")
        }
    }

    /// The `key=value` attributes of an `--output` or `--secret` value (`type=oci,dest=DIR`).
    static func attributes(_ value: String) -> [String: String] {
        var attributes: [String: String] = [:]
        for part in value.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            attributes[pair[0]] = pair.count > 1 ? pair[1] : ""
        }
        return attributes
    }

    /// The build argument `name`'s value.
    func buildArg(_ name: String) -> String? {
        buildArgs.last { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }

    /// Whether provenance attestations are attached: buildx's default (`mode=min`) unless
    /// `--provenance false` (or `0`, `mode=disabled`... only `false` is modelled).
    var provenanceMode: String? {
        guard let provenance else { return "min" }
        if provenance == "false" || provenance == "0" { return nil }
        if provenance == "true" || provenance == "1" { return "min" }
        return Self.attributes(provenance)["mode"] ?? "min"
    }

    /// Whether an SBOM attestation is attached (`--sbom true`).
    var sbomEnabled: Bool { sbom == "true" || sbom == "1" || (sbom.map { $0.contains("generator=") } ?? false) }
}

/// A fake docker failure with the CLI's message (printed on stderr, exit 1).
struct FakeDockerError: Error, Sendable, Equatable {
    let message: String

    init(_ message: String) { self.message = message }
}
