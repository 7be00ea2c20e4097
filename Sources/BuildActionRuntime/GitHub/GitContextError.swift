import BuildActionCore
import DockerMetadata

/// `context: git` could not read the ref from the checkout. The messages are
/// docker/actions-toolkit's own (the metadata step reports them as a `MetadataError`, so that
/// workflows and the conformance kit see identical errors); the hint is ours.
public enum GitContextError: Error, Equatable, Sendable, CustomStringConvertible, HintedError {
    /// git could not be started.
    case gitNotFound
    /// git failed; its standard error.
    case gitFailed(standardError: String)
    /// HEAD is detached and `git show -s --pretty=%D` names no ref after it.
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
        case .gitNotFound: "Unable to locate executable file: git"
        case .gitFailed(let standardError): standardError
        case .detachedHeadNotFound(let decoration): "Cannot find detached HEAD ref in \"\(decoration)\""
        case .unsupportedDetachedHead(let decoration): "Unsupported detached HEAD ref in \"\(decoration)\""
        case .detachedTagNotFound(let decoration): "Cannot find detached tag ref in \"\(decoration)\""
        case .cannotInferRef: "Cannot infer ref from detached HEAD"
        }
    }

    /// How to fix it.
    public var hint: String? {
        switch self {
        case .gitNotFound: "context: git needs git in the action image."
        case .gitFailed: "context: git needs a checked-out repository in the workspace (actions/checkout)."
        case .detachedHeadNotFound, .unsupportedDetachedHead, .detachedTagNotFound, .cannotInferRef:
            "context: git reads the ref from the checkout: check out a branch or a tag (actions/checkout with fetch-depth: 0 fetches them all), or use context: workflow."
        }
    }
}
