import BuildActionCore
import Foundation
import JavaScriptCompat

/// The digest files a mode: platform run writes and the merge reads.
extension BuildCommand {
    /// The digest file of a `mode: platform` run, under the workspace's `digests-dir`; returns
    /// its path relative to the workspace when it is inside it. The directory must stay inside
    /// the workspace or RUNNER_TEMP, links resolved, and the file is not written through a link.
    func writeDigestFile(platform: String, digest: Digest, publications: [Publication], inputs: BuildActionInputs) throws -> String {
        let resolved = try digestsDirectory(inputs)
        let directory = files.absolute(inputs.digestsDirectory)
        let name = platform.replacingOccurrences(of: "/", with: "-") + ".json"
        let images = publications.filter(\.isPushed).compactMap { publication in publication.digest.map { (publication.target.name, JSONText.string($0.description)) } }
        let text = JSONText.object([("platform", .string(platform)), ("digest", .string(digest.description)), ("images", .object(images))]).compact
        let path = directory + "/" + name
        do {
            let handle = try WorkspaceFiles.create(name, in: resolved, shown: path)
            defer { try? handle.close() }
            try handle.write(contentsOf: Data((text + "\n").utf8))
        } catch let refusal as WorkspaceFiles.Refusal {
            throw InputError(input: "digests-dir", value: inputs.digestsDirectory, reason: "holds \(name), which \(refusal.reason)",
                             fix: "Remove \(path) (the action writes the digest file there), or give another directory.")
        }
        commands.info("Wrote \(path): \(platform) is \(digest)")
        let base = files.workspace + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// `digests-dir`, created and resolved inside the workspace or RUNNER_TEMP.
    func digestsDirectory(_ inputs: BuildActionInputs) throws(InputError) -> String {
        do {
            return try files.directory(inputs.digestsDirectory)
        } catch {
            throw InputError(input: "digests-dir", value: inputs.digestsDirectory, reason: error.reason,
                             fix: "Give a directory inside the workspace, like .openkf-build/digests (or under RUNNER_TEMP); a symbolic link on the way must not lead out of them.")
        }
    }

    /// One platform run's record, read back by the merge.
    struct PlatformDigest: Sendable {
        let file: String
        let platform: String
        let digest: Digest
        let images: [String: Digest]
    }

    /// The digest files of the platform runs, in file-name order (none read through a link).
    func readDigestFiles(_ inputs: BuildActionInputs) throws -> [PlatformDigest] {
        let directory = try digestsDirectory(inputs)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else {
            throw InputError(input: "digests-dir", value: inputs.digestsDirectory, reason: "holds no digest files",
                             fix: "Download the platform jobs' digest artifacts into it first (actions/download-artifact with merge-multiple: true).")
        }
        return try names.map { name in
            let data: Data
            do {
                data = try WorkspaceFiles.read(name, in: directory, shown: directory + "/" + name)
            } catch let error as WorkspaceFiles.Refusal {
                throw InputError(input: "digests-dir", value: inputs.digestsDirectory, reason: "holds \(name), which \(error.reason)",
                                 fix: "Download the platform jobs' digest artifacts into it as plain files.")
            }
            guard let json = try? JSONValue(parsing: data), let platform = json["platform"]?.stringValue, let text = json["digest"]?.stringValue else {
                throw ActionError(.merge, "\(directory)/\(name) is not a digest file written by mode: platform")
            }
            var texts: [String: String] = [:]
            if case .object(let members)? = json["images"] { texts = members.compactMapValues(\.stringValue) }
            // Digests become registry URLs: anything but sha256:/sha512: hex stops the merge here.
            let invalid = ([text] + texts.values.sorted()).filter { Digest($0) == nil }
            guard invalid.isEmpty, let digest = Digest(text) else {
                throw ActionError(.merge, "\(directory)/\(name) names \(InputError.quoted(invalid[0])) as a digest; a digest file written by mode: platform names sha256: digests only",
                                  hint: "Download the platform jobs' digest artifacts unchanged into digests-dir.")
            }
            let images = texts.compactMapValues { Digest($0) }
            return PlatformDigest(file: name, platform: platform, digest: digest, images: images)
        }
    }
}
