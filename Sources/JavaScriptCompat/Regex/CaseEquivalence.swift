/// Which characters match each other under the `i` flag, as recorded from V8.
struct CaseEquivalence: Sendable {
    /// Legacy (no `u`/`v`) equivalences over UTF-16 code units.
    static let legacy = CaseEquivalence(encoded: UnicodeTables.caseClassesLegacy)
    /// Unicode (`u`/`v`) equivalences over code points.
    static let unicode = CaseEquivalence(encoded: UnicodeTables.caseClassesUnicode)

    private let classes: [[UInt32]]
    private let classIndex: [UInt32: Int]
    /// Every member of a non-trivial class, sorted, with its class index.
    private let sortedMembers: [(member: UInt32, classIndex: Int)]

    private init(encoded: String) {
        var classes: [[UInt32]] = []
        var classIndex: [UInt32: Int] = [:]
        for group in encoded.split(separator: ";") {
            let members = group.split(separator: ",").compactMap { UInt32($0, radix: 36) }
            guard members.count > 1 else { continue }
            for member in members { classIndex[member] = classes.count }
            classes.append(members)
        }
        self.classes = classes
        self.classIndex = classIndex
        self.sortedMembers = classIndex.map { (member: $0.key, classIndex: $0.value) }.sorted { $0.member < $1.member }
    }

    /// All characters equivalent to `c`, including `c` itself.
    func equivalents(of c: UInt32) -> [UInt32] {
        guard let index = classIndex[c] else { return [c] }
        return classes[index]
    }

    /// A fixed representative of `c`'s class (its smallest member).
    func canonical(_ c: UInt32) -> UInt32 {
        guard let index = classIndex[c] else { return c }
        return classes[index].min() ?? c
    }

    /// Whether `a` and `b` match each other.
    func areEquivalent(_ a: UInt32, _ b: UInt32) -> Bool {
        if a == b { return true }
        guard let index = classIndex[a] else { return false }
        return classIndex[b] == index
    }

    /// `set` plus every character equivalent to one of its members.
    func closure(of set: CodePointSet) -> CodePointSet {
        var touched = [Bool](repeating: false, count: classes.count)
        var extra: [ClosedRange<UInt32>] = []
        for range in set.ranges {
            var index = firstMember(notBelow: range.lowerBound)
            while index < sortedMembers.count && sortedMembers[index].member <= range.upperBound {
                let classIndex = sortedMembers[index].classIndex
                index += 1
                if touched[classIndex] { continue }
                touched[classIndex] = true
                for member in classes[classIndex] where !set.contains(member) { extra.append(member...member) }
            }
        }
        return extra.isEmpty ? set : CodePointSet(ranges: set.ranges + extra)
    }

    private func firstMember(notBelow value: UInt32) -> Int {
        var low = 0
        var high = sortedMembers.count
        while low < high {
            let mid = (low + high) / 2
            if sortedMembers[mid].member < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
