/// One entry of the `images` input: a repository name, possibly disabled (src/image.ts).
import JavaScriptCompat

public struct ImageSpec: Sendable, Equatable {
    /// The image name as written (lower-cased only when tags are made).
    public var name: String
    /// `enable=`.
    public var enabled: Bool

    /// An image from its parts.
    public init(name: String, enabled: Bool = true) {
        self.name = name
        self.enabled = enabled
    }

    /// Parses the `images` entries: the old single-line comma-separated form, or one
    /// `name=...,enable=...` (or plain name) entry per line.
    public static func images(parsing entries: [String]) throws(MetadataError) -> [ImageSpec] {
        if entries.count == 1, let plain = try plainList(entries[0]) {
            return plain
        }
        var images: [ImageSpec] = []
        for entry in entries {
            images.append(try ImageSpec(parsing: entry))
        }
        return images
    }

    /// The old format: every field a bare name; nil as soon as one has `=`.
    private static func plainList(_ entry: String) throws(MetadataError) -> [ImageSpec]? {
        var images: [ImageSpec] = []
        for field in try TagRule.fields(of: entry, input: "images") {
            let parts = field.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 1 else { return nil }
            images.append(ImageSpec(name: JavaScriptNumber.trimJavaScriptWhitespace(field)))
        }
        return images
    }

    /// One entry with attributes.
    public init(parsing entry: String) throws(MetadataError) {
        name = ""
        enabled = true
        for field in try TagRule.fields(of: entry, input: "images") {
            let parts = field.split(separator: "=", omittingEmptySubsequences: false).map { JavaScriptNumber.trimJavaScriptWhitespace(String($0)) }
            guard parts.count > 1 else {
                name = parts[0]
                continue
            }
            switch parts[0].lowercased() {
            case "name":
                name = parts[1]
            case "enable":
                guard ["true", "false"].contains(parts[1]) else {
                    throw MetadataError("Invalid enable attribute value: \(entry)", hint: "enable= takes true or false.")
                }
                enabled = parts[1] == "true"
            default:
                throw MetadataError("Unknown image attribute: \(entry)", hint: "Image entries take name= and enable=.")
            }
        }
        if name.isEmpty {
            throw MetadataError("Image name attribute empty: \(entry)", hint: "Give the image a name, like name=ghcr.io/owner/app.")
        }
    }
}
