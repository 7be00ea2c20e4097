import Foundation
import JavaScriptCompat

/// The multi-platform index of `mode: merge`: the entries of the per-platform images that
/// `mode: platform` runs pushed by digest, in one OCI image index with the metadata engine's
/// index annotations.
public enum IndexComposer {
    /// One platform run's image as the registry serves it.
    public struct Part: Sendable, Equatable {
        /// The pushed document's digest.
        public let digest: Digest
        /// Its media type.
        public let mediaType: String
        /// Its bytes.
        public let data: Data
        /// The platform, for a single image manifest (an index names its own).
        public let platform: String?

        /// A part; see the properties.
        public init(digest: Digest, mediaType: String, data: Data, platform: String?) {
            self.digest = digest
            self.mediaType = mediaType
            self.data = data
            self.platform = platform
        }
    }

    /// The index bytes: every part's entries (a single manifest becomes one entry), attestation
    /// entries dropped when `attestations` is false, then `annotations` (`key=value`).
    public static func compose(_ parts: [Part], annotations: [String], attestations: Bool) throws(ManifestError) -> Data {
        var entries: [JSONText] = []
        var seen = Set<Digest>()
        for part in parts {
            let parsed = try ImageManifest(parsing: part.data, headerType: part.mediaType)
            if parsed.isIndex {
                guard case .array(let list)? = try JSONValue(parsingManifest: part.data)["manifests"] else { continue }
                for item in list {
                    let isAttestation = item["annotations"]?["vnd.docker.reference.type"]?.stringValue == "attestation-manifest"
                    let digest = try ImageManifest.digest(item["digest"]?.stringValue ?? "")
                    guard attestations || !isAttestation, seen.insert(digest).inserted else { continue }
                    entries.append(JSONText.from(item))
                }
            } else {
                guard let platform = part.platform else { throw .noPlatform(digest: part.digest) }
                guard seen.insert(part.digest).inserted else { throw .listedTwice(digest: part.digest) }
                entries.append(.object([("mediaType", .string(part.mediaType)), ("digest", .string(part.digest.description)),
                                        ("size", .literal(String(part.data.count))), ("platform", platformObject(platform))]))
            }
        }
        var members: [(String, JSONText?)] = [("schemaVersion", .literal("2")), ("mediaType", .string("application/vnd.oci.image.index.v1+json")),
                                              ("manifests", .array(entries))]
        let pairs = annotations.compactMap { line -> (String, JSONText?)? in
            guard let equals = line.firstIndex(of: "=") else { return nil }
            return (String(line[..<equals]), .string(String(line[line.index(after: equals)...])))
        }
        if !pairs.isEmpty { members.append(("annotations", .object(pairs))) }
        return Data(JSONText.object(members).compact.utf8)
    }

    private static func platformObject(_ platform: String) -> JSONText {
        let parts = platform.split(separator: "/").map(String.init)
        var members: [(String, JSONText?)] = [("architecture", .string(parts.count > 1 ? parts[1] : "")), ("os", .string(parts.first ?? ""))]
        if parts.count > 2 { members.append(("variant", .string(parts[2]))) }
        return .object(members)
    }
}
