#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A timeout in whole milliseconds, as `poll` wants it, plus its readable form.
struct IOTimeout: Sendable {
    /// Milliseconds (at least 1).
    let milliseconds: Int32

    /// Converts seconds, clamping to 1 ms ... `Int32.max` ms.
    init(seconds: TimeInterval) {
        let ms = (seconds * 1000).rounded(.up)
        milliseconds = ms.isNaN || ms < 1 ? 1 : (ms >= Double(Int32.max) ? Int32.max : Int32(ms))
    }

    /// Exactly `milliseconds` (at least 1).
    init(milliseconds: Int32) {
        self.milliseconds = max(1, milliseconds)
    }

    /// E.g. `0.5 s` or `30 s`.
    var text: String {
        let seconds = Double(milliseconds) / 1000
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }

    /// Milliseconds left until `deadline` (0 when passed).
    static func remaining(until deadline: ContinuousClock.Instant) -> Int32 {
        let left = ContinuousClock.now.duration(to: deadline)
        let ms = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
        return ms <= 0 ? 0 : Int32(clamping: ms)
    }
}
