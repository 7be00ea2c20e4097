/// Releases that resume: before a release is built, its full-version tags (`1.2.3`, `v1.2.3`)
/// are looked up in every registry. A release that already exists somewhere is copied from
/// there to every registry instead of being built again, so a re-run after one registry failed
/// publishes exactly the image the others serve (a rebuild may differ: `apt-get`, `pull`, a
/// moved base image).
///
/// The rules:
/// - nothing found anywhere (or no registry could be asked): build;
/// - every tag found names the same platform images: copy. An index without attestation
///   manifests (what `no-attestations-registries` get) is the same release as the full one; the
///   full one is preferred as the source, then the order of `images`;
/// - two tags name different platform images (two registries, or `1.2.3` and `v1.2.3` in one):
///   refuse, naming both; release tags are immutable.
public enum ReleaseResume {
    /// What one image name serves under one full-version tag.
    public struct Found: Sendable, Equatable {
        /// The image name (`ghcr.io/openimsdk/openkf-server`).
        public let image: String
        /// The full-version tag.
        public let tag: String
        /// The digest the tag resolves to (an index, or a single image manifest).
        public let digest: Digest
        /// The platform images it names (attestations left out; a single manifest is its own).
        public let platforms: Set<Digest>
        /// Whether the index lists attestation manifests.
        public let attestations: Bool

        /// A finding; see the properties.
        public init(image: String, tag: String, digest: Digest, platforms: Set<Digest>, attestations: Bool) {
            self.image = image
            self.tag = tag
            self.digest = digest
            self.platforms = platforms
            self.attestations = attestations
        }

        /// `image:tag`.
        public var reference: String { "\(image):\(tag)" }
    }

    /// What to do before building.
    public enum Decision: Sendable, Equatable {
        /// The release exists nowhere: build it.
        case build
        /// The release exists: copy it, from the first source that works (best first; each
        /// image name and digest once).
        case copy(sources: [Found])
        /// Tags of the release name different images: stop, with one message per tag that
        /// differs from the first one found.
        case conflict([String])
    }

    /// The decision for what the registries serve, `found` in the order of `images` and tags.
    public static func decide(_ found: [Found]) -> Decision {
        guard let first = found.first else { return .build }
        let others = found.filter { $0.platforms != first.platforms }
        guard others.isEmpty else {
            return .conflict(others.map { other in
                "\(other.reference) points to other images (\(list(other.platforms))) than \(first.reference) (\(list(first.platforms))); "
                    + "release tags are immutable: the registries disagree on this release"
            })
        }
        var seen = Set<String>()
        let unique = found.filter { seen.insert("\($0.image)@\($0.digest)").inserted }
        return .copy(sources: unique.filter(\.attestations) + unique.filter { !$0.attestations })
    }

    /// The label naming the commit an image was built from.
    public static let revisionLabel = "org.opencontainers.image.revision"

    /// Why the image a release tag already names may not be copied for this run: it was built
    /// from another commit than the one this run builds (a moved Git tag), so copying it would
    /// publish other sources than the run's under the run's other tags. Nil when the commits
    /// agree or either is unknown. `runLabels` are the metadata's `key=value` labels.
    public static func otherSources(_ source: Found, imageLabels: [String: String], runLabels: [String]) -> String? {
        let prefix = revisionLabel + "="
        guard let expected = runLabels.first(where: { $0.hasPrefix(prefix) }).map({ String($0.dropFirst(prefix.count)) }), !expected.isEmpty,
              let found = imageLabels[revisionLabel], !found.isEmpty, found != expected else { return nil }
        return "\(source.reference) was built from commit \(found.prefix(12)), this run builds \(expected.prefix(12)); release tags are immutable: "
            + "the release cannot take other sources"
    }

    /// Digests, short and sorted.
    static func list(_ digests: Set<Digest>) -> String {
        digests.sorted().map(\.short).joined(separator: ", ")
    }
}
