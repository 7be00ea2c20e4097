import Foundation

/// The image names of each bake target: the `images` input with `{target}` replaced by the
/// target's name (`ghcr.io/openimsdk/openkf-{target}` → `ghcr.io/openimsdk/openkf-web`).
public struct TargetImages: Sendable, Equatable {
    /// What `images` writes for the target's name.
    public static let placeholder = "{target}"

    /// One target and its image names, in the input's order.
    public struct Group: Sendable, Equatable {
        /// The bake target.
        public let target: String
        /// Its image names.
        public let images: [String]
    }

    /// Every target's names, in target order.
    public let groups: [Group]

    /// The names for `targets`; `imageNames` are the enabled images as the metadata engine
    /// gives them. Several targets need `{target}` (one repository cannot hold several
    /// images under one tag).
    public init(imageNames: [String], targets: [String], imagesInput: String) throws(InputError) {
        guard !targets.isEmpty else {
            throw InputError(input: "bake-targets", value: "", reason: "selects no target in the bake files",
                             fix: "Name the targets or groups to build, or give the files a default group.")
        }
        if targets.count > 1, let shared = imageNames.first(where: { !$0.contains(Self.placeholder) }) {
            throw InputError(input: "images", value: imagesInput,
                             reason: "names \(shared) for \(targets.count) bake targets (\(targets.joined(separator: ", "))), which would push every target's image under the same tags",
                             fix: "Put {target} in every image name, like ghcr.io/openimsdk/openkf-{target}; it is replaced by each target's name.")
        }
        groups = targets.map { target in
            Group(target: target, images: imageNames.map { $0.replacingOccurrences(of: Self.placeholder, with: target.lowercased()) })
        }
    }

    /// Every image name of every target.
    public var allImages: [String] { groups.flatMap(\.images) }

    /// The target an image name belongs to.
    public func target(of image: String) -> String? {
        groups.first { $0.images.contains(image) }?.target
    }

    /// The error for `{target}` in `images` without `bake-files`.
    public static func placeholderWithoutBake(imagesInput: String) -> InputError {
        InputError(input: "images", value: imagesInput, reason: "contains {target}, which only bake-files give a value",
                   fix: "Set bake-files (and bake-targets), or write the image names out.")
    }
}
