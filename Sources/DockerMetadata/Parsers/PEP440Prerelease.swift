/// The `pre` part of an explained PEP 440 version (`[label, number]` in JavaScript).
public struct PEP440Prerelease: Sendable, Equatable {
    /// The normalized label: `a`, `b` or `rc`.
    public let label: String
    /// The number (`0` when omitted).
    public let number: Double
}
