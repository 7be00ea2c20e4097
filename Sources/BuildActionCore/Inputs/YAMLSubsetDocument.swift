/// The result of parsing the `registry-auth` YAML subset: a list of flat mappings.
struct YAMLSubsetDocument {
    /// One `key: value` pair.
    struct Pair: Equatable {
        /// The key (a string scalar).
        let key: String
        /// The value (a string scalar; empty when nothing follows the `:`).
        let value: String
        /// 1-based line number.
        let line: Int
    }

    /// One `- ...` list entry.
    struct Entry: Equatable {
        /// 1-based line number of the `-`.
        let line: Int
        /// The pairs in order (keys are unique).
        var pairs: [Pair]
    }

    /// The entries in order.
    var entries: [Entry] = []
}
