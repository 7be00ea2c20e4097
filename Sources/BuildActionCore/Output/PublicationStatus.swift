/// What happened to one image name at its registry: pushed, or failed with what went wrong and
/// what to do about it.
public enum PublicationStatus: Sendable, Equatable {
    /// The registry took the image and its tags.
    case pushed
    /// It did not; `message` says why, `hint` what to do.
    case failed(message: String, hint: String?)

    /// Whether the registry took it.
    public var isPushed: Bool { self == .pushed }

    /// The failure, when it failed.
    public var message: String? {
        if case .failed(let message, _) = self { return message }
        return nil
    }

    /// What to do about the failure.
    public var hint: String? {
        if case .failed(_, let hint) = self { return hint }
        return nil
    }
}
