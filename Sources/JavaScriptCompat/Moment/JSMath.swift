/// JavaScript arithmetic helpers (`Math.round`, `Math.floor`, `%`, `~~`, TimeClip).
enum JSMath {
    /// Largest absolute time value of a JavaScript `Date`.
    static let maxTime = 8.64e15

    /// `Math.round`: halves round toward +infinity.
    static func round(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        let floor = value.rounded(.down)
        return value - floor >= 0.5 ? floor + 1 : floor
    }

    /// `TimeClip`: nil when out of the Date range, else truncated toward zero.
    static func timeClip(_ value: Double) -> Double? {
        guard value.isFinite, abs(value) <= maxTime else { return nil }
        return value.rounded(.towardZero) + 0
    }

    /// `~~value` for the small magnitudes used here (truncation toward zero).
    static func truncate(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        return Int(value.rounded(.towardZero))
    }
}
