/// The `compression` and `compression-level` inputs: how the published layers are compressed.
/// gzip at buildx's level is the default and adds nothing to the build; zstd (what Docker 23+,
/// containerd 1.5+ and every registry of this action take) pulls smaller and faster, and
/// recompresses the base image's layers too (`force-compression`), so that a whole image is
/// one format.
public struct LayerCompression: Sendable, Equatable {
    /// The algorithm.
    public enum Algorithm: String, Sendable, Equatable, CaseIterable {
        case gzip, zstd
    }

    public let algorithm: Algorithm
    /// The level, nil for buildx's default (gzip 6, zstd 3).
    public let level: Int?

    /// gzip at buildx's level: no exporter attributes at all.
    public static let standard = LayerCompression(algorithm: .gzip, level: nil)

    /// A compression; see the properties.
    public init(algorithm: Algorithm, level: Int?) {
        self.algorithm = algorithm
        self.level = level
    }

    /// Parses both inputs; empty means gzip at buildx's level.
    public init(parsing raw: String, level rawLevel: String) throws(InputError) {
        let text = InputText.trimmed(raw).lowercased()
        guard let algorithm = text.isEmpty ? .gzip : Algorithm(rawValue: text) else {
            throw InputError(input: "compression", value: raw, reason: "is not a layer compression", fix: "Use gzip (the default) or zstd.")
        }
        self.algorithm = algorithm
        let levelText = InputText.trimmed(rawLevel)
        guard !levelText.isEmpty else {
            level = nil
            return
        }
        let range = algorithm == .gzip ? 0...9 : 1...22
        guard let level = Int(levelText), range.contains(level) else {
            throw InputError(input: "compression-level", value: rawLevel, reason: "is not a \(algorithm.rawValue) level",
                             fix: "Give a whole number from \(range.lowerBound) to \(range.upperBound)\(algorithm == .zstd ? " (19 for release images: slower to build, smallest to pull)" : "").")
        }
        self.level = level
    }

    /// The exporter attributes to append to an image output (`,compression=zstd,...`), empty
    /// for the default.
    public var exporterAttributes: String {
        guard self != .standard else { return "" }
        return ",compression=\(algorithm.rawValue)" + (level.map { ",compression-level=\($0)" } ?? "") + ",force-compression=true"
    }
}
