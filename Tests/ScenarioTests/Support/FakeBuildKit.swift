import BuildActionCore
import Foundation
import JavaScriptCompat

/// One `buildx build` as BuildKit would run it, without running anything: the Dockerfile is
/// read instruction by instruction (`FROM` gives a base layer, `RUN`/`COPY`/... an application
/// layer; a `RUN` whose shell ends in `exit N` fails with BuildKit's error text; `dd ... bs=1M
/// count=N` makes an N MiB layer), and the result is written as `--output type=oci,tar=false`
/// writes it: per platform a configuration naming os/architecture, its layers and manifest, an
/// attestation manifest per platform unless `--provenance false` (provenance with the build's
/// start time, so two builds of the same sources differ only there), and the index. Every byte
/// is a function of the inputs and the job's clock.
struct FakeBuildKit {
    let arguments: BuildxArguments
    /// The Dockerfile's text.
    let dockerfile: String
    /// When the build started (the job's clock: provenance carries it).
    let startedAt: Date
    /// Whether a platform's programs execute on this host (emulation registered).
    let runs: (String) -> Bool
    /// The builder instance and its driver, as buildx names them.
    let instance: (name: String, driver: String)

    /// What the build printed (buildx prints progress on stderr) and the index digest.
    struct Outcome: Sendable {
        let status: Int32
        let progress: [String]
        let digest: String?
    }

    /// Builds, writing the layout and the metadata file as the arguments ask.
    func run() throws -> Outcome {
        var progress = ["#0 building with \"\(instance.name)\" instance using \(instance.driver) driver", "",
                        "#1 [internal] load build definition from Dockerfile", "#1 transferring dockerfile: \(dockerfile.utf8.count)B done", "#1 DONE 0.0s"]
        let instructions = Self.instructions(dockerfile)
        guard let base = instructions.first(where: { $0.keyword == "FROM" }) else {
            return Outcome(status: 1, progress: progress + ["ERROR: failed to solve: failed to parse stage name \"\": invalid reference format"], digest: nil)
        }
        var step = 2
        for platform in arguments.platforms {
            progress += ["#\(step) [\(platform) internal] load metadata for \(base.argument)", "#\(step) DONE 0.2s"]
            step += 1
        }
        let count = instructions.count
        for platform in arguments.platforms {
            for (index, instruction) in instructions.enumerated() where instruction.keyword == "FROM" || instruction.keyword == "RUN" || instruction.keyword == "COPY" {
                let title = "#\(step) [\(platform) \(index + 1)/\(count)] \(instruction.keyword) \(instruction.argument)"
                progress.append(title)
                if instruction.keyword == "RUN" {
                    if let failure = failure(of: instruction, line: instruction.line, platform: platform, step: step, position: "\(index + 1)/\(count)") {
                        return Outcome(status: 1, progress: progress + failure, digest: nil)
                    }
                    progress += Self.echoes(instruction.argument).map { "#\(step) 0.105 \($0)" }
                }
                progress.append("#\(step) DONE 0.1s")
                step += 1
            }
        }
        let layout = arguments.outputs.map(BuildxArguments.attributes).first { $0["type"] == "oci" }
        var digest: String?
        var descriptor: [String: Any]?
        if let layout, let dest = layout["dest"] {
            guard layout["tar"] == "false" else { throw FakeDockerError("fake docker: only --output type=oci,tar=false is modelled") }
            let top = try writeLayout(dest, instructions: instructions)
            digest = top["digest"] as? String
            descriptor = top
            progress += ["#\(step) exporting to oci image format", "#\(step) exporting manifest list \(digest ?? "") done", "#\(step) DONE 0.1s"]
        } else if arguments.outputs.contains(where: { BuildxArguments.attributes($0)["type"] == "cacheonly" }) {
            progress += ["#\(step) exporting cache", "#\(step) DONE 0.0s"]
        }
        for destination in arguments.cacheTo {
            progress += ["#\(step + 1) exporting cache to \(BuildxArguments.attributes(destination)["type"] ?? "?")", "#\(step + 1) DONE 0.1s"]
        }
        if let file = arguments.metadataFile {
            var metadata: [String: Any] = ["buildx.build.ref": "\(instance.name)/\(instance.name)0/\(buildReference)"]
            if let descriptor, let digest {
                metadata["containerimage.descriptor"] = descriptor
                metadata["containerimage.digest"] = digest
            }
            try JSONSerialization.data(withJSONObject: metadata, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                .write(to: URL(fileURLWithPath: file))
        }
        return Outcome(status: 0, progress: progress, digest: digest)
    }

    /// A `RUN` that fails: on a platform that does not execute, or with `exit N` (N > 0).
    private func failure(of instruction: Instruction, line: Int, platform: String, step: Int, position: String) -> [String]? {
        let shell = "/bin/sh -c \(instruction.argument)"
        let reason: String
        var output: [String] = []
        if !runs(platform) {
            output = ["exec /bin/sh: exec format error"]
            reason = "process \"\(shell)\" did not complete successfully: exit code: 255"
        } else if let code = Self.exitCode(instruction.argument), code != 0 {
            output = Self.echoes(instruction.argument)
            reason = "process \"\(shell)\" did not complete successfully: exit code: \(code)"
        } else {
            return nil
        }
        let numbered = Self.sourceLines(dockerfile).enumerated().map { offset, text in
            (offset + 1 == line ? "  \(offset + 1) | >>> " : "  \(offset + 1) |     ") + text
        }
        return output.map { "#\(step) 0.105 \($0)" } + ["#\(step) ERROR: \(reason)", "------", " > [\(platform) \(position)] RUN \(instruction.argument):"]
            + output.map { "0.105 \($0)" } + ["------", "Dockerfile:\(line)", "--------------------"] + numbered
            + ["--------------------", "ERROR: failed to solve: \(reason)"]
    }

    /// A Dockerfile instruction with its 1-based line.
    struct Instruction {
        let keyword: String
        let argument: String
        let line: Int
    }

    static func sourceLines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func instructions(_ text: String) -> [Instruction] {
        sourceLines(text).enumerated().compactMap { offset, raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            return Instruction(keyword: parts[0].uppercased(), argument: parts.count > 1 ? parts[1] : "", line: offset + 1)
        }
    }

    /// The status the shell command ends with: `exit N` as its last command.
    static func exitCode(_ command: String) -> Int? {
        guard let last = command.components(separatedBy: "&&").last?.trimmingCharacters(in: .whitespaces), last.hasPrefix("exit ") else { return nil }
        return Int(last.dropFirst(5).trimmingCharacters(in: .whitespaces))
    }

    /// What the `echo`s of a shell command print.
    static func echoes(_ command: String) -> [String] {
        command.components(separatedBy: "&&").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("echo ") && !$0.contains(">") }.map { String($0.dropFirst(5)) }
    }

    /// `dd ... bs=1M count=N`: N MiB.
    static func ddSize(_ command: String) -> Int? {
        guard command.contains("dd "), command.contains("bs=1M"), let range = command.range(of: "count=") else { return nil }
        return Int(command[range.upperBound...].prefix { $0.isNumber }).map { $0 << 20 }
    }

    private var buildReference: String {
        let seed = "\(startedAt.timeIntervalSince1970) \(arguments.platforms) \(dockerfile)"
        return String(SHA256.digest(Array(seed.utf8)).dropFirst(7).prefix(25))
    }
}

extension FakeBuildKit {
    /// Writes the OCI layout into `directory`; returns the descriptor of the top document.
    func writeLayout(_ directory: String, instructions: [Instruction]) throws -> [String: Any] {
        let store = OCILayoutStore(directory: directory)
        try store.prepare()
        var images: [[String: Any]] = []
        var attestations: [[String: Any]] = []
        let created = arguments.buildArg("SOURCE_DATE_EPOCH").flatMap(Double.init).map { Date(timeIntervalSince1970: $0) } ?? startedAt
        for platform in arguments.platforms {
            let parts = platform.split(separator: "/").map(String.init)
            let (os, architecture) = (parts[0], parts.count > 1 ? parts[1] : "amd64")
            var layers: [[String: Any]] = []
            let from = instructions.first { $0.keyword == "FROM" }?.argument ?? ""
            layers.append(try store.put(Self.bytes("base \(from) \(platform)", count: 40 << 10), mediaType: "application/vnd.oci.image.layer.v1.tar+gzip"))
            let steps = instructions.filter { $0.keyword != "FROM" && $0.keyword != "ARG" }
            if !steps.isEmpty {
                let size = steps.compactMap { Self.ddSize($0.argument) }.reduce(0, +) + 700
                let text = steps.map { "\($0.keyword) \($0.argument)" }.joined(separator: "\n")
                layers.append(try store.put(Self.bytes("app \(platform)\n\(text)", count: size), mediaType: "application/vnd.oci.image.layer.v1.tar+gzip"))
            }
            var labels: [String: String] = [:]
            for label in arguments.labels {
                let pair = label.split(separator: "=", maxSplits: 1).map(String.init)
                labels[pair[0]] = pair.count > 1 ? pair[1] : ""
            }
            var config: [String: Any] = [
                "architecture": architecture, "os": os, "created": ISOTimestamp.string(created),
                "config": ["Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], "Labels": labels, "WorkingDir": "/"],
                "rootfs": ["type": "layers", "diff_ids": layers.map { "sha256:" + String(SHA256.digest(Array((($0["digest"] as? String) ?? "").utf8)).dropFirst(7)) }],
                "history": steps.map { ["created": ISOTimestamp.string(created), "created_by": "\($0.keyword) \($0.argument)", "comment": "buildkit.dockerfile.v0"] },
            ]
            if parts.count > 2 { config["variant"] = parts[2] }
            let configDescriptor = try store.put(try Self.json(config), mediaType: "application/vnd.oci.image.config.v1+json")
            var manifest: [String: Any] = ["schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "config": configDescriptor, "layers": layers]
            let manifestAnnotations = annotations(level: "manifest")
            if !manifestAnnotations.isEmpty { manifest["annotations"] = manifestAnnotations }
            var image = try store.put(try Self.json(manifest), mediaType: "application/vnd.oci.image.manifest.v1+json")
            var platformObject: [String: Any] = ["os": os, "architecture": architecture]
            if parts.count > 2 { platformObject["variant"] = parts[2] }
            image["platform"] = platformObject
            let descriptorAnnotations = annotations(level: "manifest-descriptor")
            if !descriptorAnnotations.isEmpty { image["annotations"] = descriptorAnnotations }
            images.append(image)
            if let attestation = try attestation(for: image, platform: platform, store: store) { attestations.append(attestation) }
        }
        var top: [String: Any]
        if images.count == 1 && attestations.isEmpty {
            top = images[0]
            top.removeValue(forKey: "platform")
        } else {
            var index: [String: Any] = ["schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": images + attestations]
            let indexAnnotations = annotations(level: "index")
            if !indexAnnotations.isEmpty { index["annotations"] = indexAnnotations }
            top = try store.put(try Self.json(index), mediaType: "application/vnd.oci.image.index.v1+json")
        }
        var entry = top
        let outer = annotations(level: "index-descriptor")
        if !outer.isEmpty { entry["annotations"] = outer }
        try store.writeIndex(entry)
        return top
    }

    /// BuildKit's attestation manifest for one platform image: an in-toto provenance statement
    /// (plus an SPDX document with `--sbom true`), or nil with `--provenance false` and no SBOM.
    private func attestation(for image: [String: Any], platform: String, store: OCILayoutStore) throws -> [String: Any]? {
        let mode = arguments.provenanceMode
        guard mode != nil || arguments.sbomEnabled else { return nil }
        let subject = ((image["digest"] as? String) ?? "").dropFirst(7)
        var layers: [[String: Any]] = []
        if let mode {
            let statement: [String: Any] = [
                "_type": "https://in-toto.io/Statement/v0.1", "predicateType": "https://slsa.dev/provenance/v0.2",
                "subject": [["name": "pkg:docker/image?platform=\(platform.replacingOccurrences(of: "/", with: "%2F"))", "digest": ["sha256": String(subject)]]],
                "predicate": ["builder": ["id": ""], "buildType": "https://mobyproject.org/buildkit@v1",
                              "metadata": ["buildStartedOn": ISOTimestamp.string(startedAt), "buildFinishedOn": ISOTimestamp.string(startedAt.addingTimeInterval(2)),
                                           "https://mobyproject.org/buildkit@v1#metadata": ["mode": mode]]],
            ]
            var layer = try store.put(try Self.json(statement), mediaType: "application/vnd.in-toto+json")
            layer["annotations"] = ["in-toto.io/predicate-type": "https://slsa.dev/provenance/v0.2"]
            layers.append(layer)
        }
        if arguments.sbomEnabled {
            let document: [String: Any] = ["_type": "https://in-toto.io/Statement/v0.1", "predicateType": "https://spdx.dev/Document",
                                           "subject": [["digest": ["sha256": String(subject)]]], "predicate": ["spdxVersion": "SPDX-2.3", "name": "sbom"]]
            var layer = try store.put(try Self.json(document), mediaType: "application/vnd.in-toto+json")
            layer["annotations"] = ["in-toto.io/predicate-type": "https://spdx.dev/Document"]
            layers.append(layer)
        }
        let config = try store.put(try Self.json(["architecture": "unknown", "os": "unknown", "config": [:] as [String: Any],
                                                  "rootfs": ["type": "layers", "diff_ids": layers.map { $0["digest"] ?? "" }]]),
                                   mediaType: "application/vnd.oci.image.config.v1+json")
        let manifest: [String: Any] = ["schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "config": config, "layers": layers]
        var entry = try store.put(try Self.json(manifest), mediaType: "application/vnd.oci.image.manifest.v1+json")
        entry["annotations"] = ["vnd.docker.reference.digest": image["digest"] ?? "", "vnd.docker.reference.type": "attestation-manifest"]
        entry["platform"] = ["architecture": "unknown", "os": "unknown"]
        return entry
    }

    /// The `--annotation` values of one level (`manifest:key=value`; no level means manifest).
    private func annotations(level: String) -> [String: String] {
        var found: [String: String] = [:]
        for annotation in arguments.annotations {
            guard let equals = annotation.firstIndex(of: "=") else { continue }
            let key = String(annotation[..<equals]), value = String(annotation[annotation.index(after: equals)...])
            let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
            let levels = parts.count == 2 && !parts[0].contains(".") ? parts[0].split(separator: ",").map { String($0.prefix { $0 != "[" }) } : ["manifest"]
            let name = parts.count == 2 && !parts[0].contains(".") ? parts[1] : key
            if levels.contains(level) { found[name] = value }
        }
        return found
    }

    /// `count` deterministic bytes from `seed` (xorshift64 seeded with the seed's digest).
    static func bytes(_ seed: String, count: Int) -> Data {
        var state = SHA256.hash(Array(seed.utf8)).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } | 1
        var bytes = [UInt8](repeating: 0, count: count)
        for index in stride(from: 0, to: count, by: 8) {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            for offset in 0..<min(8, count - index) { bytes[index + offset] = UInt8(truncatingIfNeeded: state >> (offset * 8)) }
        }
        return Data(bytes)
    }

    /// Canonical JSON bytes (sorted keys), as a content-addressed document needs.
    static func json(_ object: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
