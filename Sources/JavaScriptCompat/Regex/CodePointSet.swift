/// A set of Unicode code points (or UTF-16 code units), stored as sorted, disjoint, non-adjacent closed ranges.
struct CodePointSet: Sendable, Equatable {
    /// The highest code point.
    static let maxCodePoint: UInt32 = 0x10FFFF

    /// Sorted, merged ranges `lower...upper`.
    private(set) var ranges: [ClosedRange<UInt32>]

    /// The empty set.
    init() { ranges = [] }

    /// A set built from arbitrary (possibly overlapping, unsorted) ranges.
    init(ranges input: [ClosedRange<UInt32>]) {
        ranges = CodePointSet.normalized(input)
    }

    /// A set holding one character.
    init(single value: UInt32) { ranges = [value...value] }

    /// Every code point.
    static let all = CodePointSet(ranges: [0...maxCodePoint])

    /// Whether the set has no members.
    var isEmpty: Bool { ranges.isEmpty }

    /// Whether `value` is a member (binary search).
    func contains(_ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = ranges[mid]
            if value < range.lowerBound {
                high = mid - 1
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Whether any member lies in `lower...upper`.
    func intersects(_ lower: UInt32, _ upper: UInt32) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = ranges[mid]
            if upper < range.lowerBound {
                high = mid - 1
            } else if lower > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Adds a range.
    mutating func insert(_ lower: UInt32, _ upper: UInt32) {
        ranges = CodePointSet.normalized(ranges + [lower...upper])
    }

    /// The union with `other`.
    func union(_ other: CodePointSet) -> CodePointSet {
        CodePointSet(ranges: ranges + other.ranges)
    }

    /// The complement within `0...maxCodePoint`.
    func inverted() -> CodePointSet {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            if range.upperBound >= CodePointSet.maxCodePoint { return CodePointSet(sorted: result) }
            next = range.upperBound + 1
        }
        result.append(next...CodePointSet.maxCodePoint)
        return CodePointSet(sorted: result)
    }

    /// The intersection with `other`.
    func intersection(_ other: CodePointSet) -> CodePointSet {
        var result: [ClosedRange<UInt32>] = []
        var i = 0
        var j = 0
        while i < ranges.count && j < other.ranges.count {
            let a = ranges[i]
            let b = other.ranges[j]
            let lower = max(a.lowerBound, b.lowerBound)
            let upper = min(a.upperBound, b.upperBound)
            if lower <= upper { result.append(lower...upper) }
            if a.upperBound < b.upperBound { i += 1 } else { j += 1 }
        }
        return CodePointSet(sorted: result)
    }

    /// The members of `self` that are not in `other`.
    func subtracting(_ other: CodePointSet) -> CodePointSet {
        intersection(other.inverted())
    }

    private init(sorted: [ClosedRange<UInt32>]) { ranges = sorted }

    private static func normalized(_ input: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        let sorted = input.sorted { $0.lowerBound < $1.lowerBound }
        var result: [ClosedRange<UInt32>] = []
        result.reserveCapacity(sorted.count)
        for range in sorted {
            if let last = result.last, range.lowerBound <= last.upperBound &+ 1, last.upperBound != UInt32.max {
                if range.upperBound > last.upperBound {
                    result[result.count - 1] = last.lowerBound...range.upperBound
                }
            } else {
                result.append(range)
            }
        }
        return result
    }
}
