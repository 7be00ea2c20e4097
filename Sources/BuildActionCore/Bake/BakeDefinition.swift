import Foundation
import JavaScriptCompat

/// What `docker buildx bake --print` resolved from the `bake-files` for the `bake-targets`:
/// its groups and its targets (variables, inheritance, matrices and compose services already
/// applied). Print puts the requested names in the `default` group.
public struct BakeDefinition: Sendable, Equatable {
    /// Each group's members (targets or groups), in order.
    public let groups: [String: [String]]
    /// Each target's attributes as bake prints them.
    public let targets: [String: [String: JSONValue]]

    /// Parses print's JSON; `files` names the input in the error.
    public init(printed: Data, files: String) throws(InputError) {
        guard let value = try? JSONValue(parsing: printed), case .object(let root) = value else {
            throw InputError(input: "bake-files", value: files, reason: "did not resolve to a bake definition (docker buildx bake --print printed no JSON)",
                             fix: "Check the files with docker buildx bake --print locally.")
        }
        var groups: [String: [String]] = [:]
        if case .object(let members)? = root["group"] {
            for (name, group) in members {
                if case .array(let items)? = group["targets"] { groups[name] = items.compactMap(\.stringValue) }
            }
        }
        var targets: [String: [String: JSONValue]] = [:]
        if case .object(let members)? = root["target"] {
            for (name, target) in members {
                if case .object(let attributes) = target { targets[name] = attributes }
            }
        }
        self.groups = groups
        self.targets = targets
    }

    /// The targets to publish: the default group expanded through groups, in order, each once
    /// (a target only another one uses as a context is built, not published).
    public var publishedTargets: [String] {
        var seen: Set<String> = [], ordered: [String] = []
        func visit(_ name: String, depth: Int) {
            if let members = groups[name], depth < 32 {
                members.forEach { visit($0, depth: depth + 1) }
            } else if targets[name] != nil, seen.insert(name).inserted {
                ordered.append(name)
            }
        }
        if groups["default"] != nil {
            visit("default", depth: 0)
        } else {
            targets.keys.sorted().forEach { visit($0, depth: 0) }
        }
        return ordered
    }

    /// The platforms a target declares, nil when it declares none.
    public func platforms(of target: String) -> [String]? {
        guard case .array(let items)? = targets[target]?["platforms"], !items.isEmpty else { return nil }
        return items.compactMap(\.stringValue)
    }

    /// A string list attribute of a target (empty when absent).
    func strings(_ attribute: String, of target: String) -> [String] {
        guard case .array(let items)? = targets[target]?[attribute] else { return [] }
        return items.compactMap(\.stringValue)
    }

    /// A string map attribute of a target (empty when absent).
    func stringMap(_ attribute: String, of target: String) -> [String: String] {
        guard case .object(let members)? = targets[target]?[attribute] else { return [:] }
        return members.compactMapValues(\.stringValue)
    }
}
