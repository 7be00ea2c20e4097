import BuildActionCore

/// Which repositories of each registry hold which blobs, shared by every push of one run: a
/// blob another repository of the same registry already has is mounted from there instead of
/// uploaded again, and a blob another push is uploading right now is waited for, then mounted.
/// Images that share a base (the services of one repository, `bake-files`) upload it once per
/// registry instead of once per image.
public actor BlobLedger {
    private struct Key: Hashable {
        let registry: String
        let digest: Digest
    }

    private var holders: [Key: [String]] = [:]
    private var uploading: [Key: String] = [:]
    private var waiting: [Key: [CheckedContinuation<Void, Never>]] = [:]

    /// An empty ledger.
    public init() {}

    /// Where `repository` may mount `digest` from (nil: nowhere, upload it). While another
    /// repository uploads it, waits for that upload to end; otherwise this repository becomes
    /// the one uploading it, and must call `finished`.
    public func claim(_ digest: Digest, registry: String, repository: String) async -> String? {
        let key = Key(registry: registry, digest: digest)
        while true {
            if let holder = holders[key]?.first(where: { $0 != repository }), holders[key]?.contains(repository) != true {
                return holder
            }
            guard let other = uploading[key], other != repository else {
                uploading[key] = repository
                return nil
            }
            await withCheckedContinuation { waiting[key, default: []].append($0) }
        }
    }

    /// The end of `repository`'s push of `digest`: it holds the blob when `stored`.
    public func finished(_ digest: Digest, registry: String, repository: String, stored: Bool) {
        let key = Key(registry: registry, digest: digest)
        if stored, holders[key]?.contains(repository) != true { holders[key, default: []].append(repository) }
        if uploading[key] == repository { uploading[key] = nil }
        waiting.removeValue(forKey: key)?.forEach { $0.resume() }
    }
}
