/// `Array.prototype.sort(comparefn)` as V8 runs it (TimSort: one natural run, then binary
/// insertion), so that even comparators that are not consistent (NaN priorities) order elements
/// exactly as docker/metadata-action does.
/// https://github.com/v8/v8/blob/main/third_party/v8/builtins/array-sort.tq
public enum JavaScriptSort {
    /// Sorts `items` with `compare` returning a negative, zero or positive number.
    public static func sorted<Element>(_ items: [Element], by compare: (Element, Element) -> Int) -> [Element] {
        var array = items
        guard array.count >= 2 else { return array }
        if array.count >= 64 {
            return stableMergeSorted(array, by: compare)
        }
        let run = makeRun(&array, compare: compare)
        binaryInsertion(&array, sortedPrefix: run, compare: compare)
        return array
    }

    /// CountAndMakeRun: the longest ascending or strictly descending prefix (reversed).
    private static func makeRun<Element>(_ array: inout [Element], compare: (Element, Element) -> Int) -> Int {
        var runLength = 2
        let descending = compare(array[1], array[0]) < 0
        var previous = array[1]
        var index = 2
        while index < array.count {
            let order = compare(array[index], previous)
            if descending ? order >= 0 : order < 0 { break }
            previous = array[index]
            runLength += 1
            index += 1
        }
        if descending { array[0..<runLength].reverse() }
        return runLength
    }

    /// BinaryInsertionSort of everything after the sorted prefix.
    private static func binaryInsertion<Element>(_ array: inout [Element], sortedPrefix: Int, compare: (Element, Element) -> Int) {
        var start = sortedPrefix
        while start < array.count {
            let pivot = array[start]
            var left = 0
            var right = start
            while left < right {
                let middle = left + ((right - left) >> 1)
                if compare(pivot, array[middle]) < 0 { right = middle } else { left = middle + 1 }
            }
            array.remove(at: start)
            array.insert(pivot, at: left)
            start += 1
        }
    }

    /// A stable merge sort for long arrays (where only consistent comparators matter in practice).
    private static func stableMergeSorted<Element>(_ items: [Element], by compare: (Element, Element) -> Int) -> [Element] {
        guard items.count > 1 else { return items }
        let middle = items.count / 2
        let left = stableMergeSorted(Array(items[..<middle]), by: compare)
        let right = stableMergeSorted(Array(items[middle...]), by: compare)
        var merged: [Element] = []
        merged.reserveCapacity(items.count)
        var i = 0, j = 0
        while i < left.count, j < right.count {
            if compare(right[j], left[i]) < 0 { merged.append(right[j]); j += 1 } else { merged.append(left[i]); i += 1 }
        }
        merged.append(contentsOf: left[i...])
        merged.append(contentsOf: right[j...])
        return merged
    }
}
