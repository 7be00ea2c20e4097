import BuildActionCore
import DockerMetadata

/// `context: git` could not read the ref from the checkout. The messages are git's and
/// docker/actions-toolkit's own (the metadata step reports them as a `MetadataError`, so that
/// workflows and the conformance kit see identical errors); the hint is ours.
public enum GitContextError: Error, Equatable, Sendable, CustomStringConvertible, HintedError {
    /// No `.git` in the working directory or any of its parents (git's message).
    case notARepository
    /// HEAD names a branch without commits (git's message).
    case badRevision
    /// The repository's files cannot be read: a missing or corrupt object, a broken `.git` file.
    case unreadableRepository(reason: String)
    /// HEAD is detached and its decoration (`git show -s --pretty=%D`) names no ref after it.
    case detachedHeadNotFound(decoration: String)
    /// HEAD is detached at a ref the toolkit does not read (a local branch's tip).
    case unsupportedDetachedHead(decoration: String)
    /// HEAD is detached at a tag that `git for-each-ref` does not find.
    case detachedTagNotFound(decoration: String)
    /// HEAD is detached and no branch, remote branch or tag contains it.
    case cannotInferRef

    /// actions-toolkit's message.
    public var description: String {
        switch self {
        case .notARepository: "fatal: not a git repository (or any of the parent directories): .git"
        case .badRevision: "fatal: bad revision 'HEAD'"
        case .unreadableRepository(let reason): "Cannot read the git repository: \(reason)"
        case .detachedHeadNotFound(let decoration): "Cannot find detached HEAD ref in \"\(decoration)\""
        case .unsupportedDetachedHead(let decoration): "Unsupported detached HEAD ref in \"\(decoration)\""
        case .detachedTagNotFound(let decoration): "Cannot find detached tag ref in \"\(decoration)\""
        case .cannotInferRef: "Cannot infer ref from detached HEAD"
        }
    }

    /// How to fix it.
    public var hint: String? {
        switch self {
        case .notARepository, .badRevision: "context: git needs a checked-out repository in the workspace (actions/checkout)."
        case .unreadableRepository: "context: git reads the checkout's .git itself: check out the repository again (actions/checkout), or use context: workflow."
        case .detachedHeadNotFound, .unsupportedDetachedHead, .detachedTagNotFound, .cannotInferRef:
            "context: git reads the ref from the checkout: check out a branch or a tag (actions/checkout with fetch-depth: 0 fetches them all), or use context: workflow."
        }
    }
}
