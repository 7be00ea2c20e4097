/// An ordered JS-like object (own properties only).
public struct HandlebarsObject: Sendable {
    /// Shared immutable storage; its identity is the object's identity.
    final class Storage: Sendable {
        let keys: [String]
        let values: [String: HandlebarsValue]
        init(keys: [String], values: [String: HandlebarsValue]) {
            self.keys = keys
            self.values = values
        }
    }

    let storage: Storage

    /// Creates an object from ordered key/value pairs (a repeated key keeps its first position and last value).
    public init(_ pairs: [(String, HandlebarsValue)] = []) {
        var keys: [String] = []
        var values: [String: HandlebarsValue] = [:]
        for (k, v) in pairs {
            if values[k] == nil { keys.append(k) }
            values[k] = v
        }
        storage = Storage(keys: keys, values: values)
    }

    /// The own property `key`, or nil when there is none.
    public subscript(key: String) -> HandlebarsValue? { storage.values[key] }

    /// Own keys in JavaScript `Object.keys` order (array-index keys ascending first, then insertion order).
    public var keys: [String] {
        let indexKeys = storage.keys.compactMap { k -> (UInt32, String)? in
            guard let i = HandlebarsObject.arrayIndex(k) else { return nil }
            return (i, k)
        }
        if indexKeys.isEmpty { return storage.keys }
        let others = storage.keys.filter { HandlebarsObject.arrayIndex($0) == nil }
        return indexKeys.sorted { $0.0 < $1.0 }.map { $0.1 } + others
    }

    /// Own properties as ordered pairs (JavaScript key order).
    public var pairs: [(String, HandlebarsValue)] {
        keys.map { ($0, storage.values[$0] ?? .undefined) }
    }

    /// Returns a copy with `key` set (added at the end when new).
    func setting(_ key: String, _ value: HandlebarsValue) -> HandlebarsObject {
        var p = storage.keys.map { ($0, storage.values[$0] ?? .undefined) }
        p.append((key, value))
        return HandlebarsObject(p)
    }

    /// The canonical array index a key denotes, if any (JavaScript integer-key ordering).
    static func arrayIndex(_ key: String) -> UInt32? {
        guard let first = key.utf8.first, first >= 48, first <= 57 else { return nil }
        if key.utf8.count > 1 && first == 48 { return nil }
        guard key.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let v = UInt32(key), v != UInt32.max else { return nil }
        return v
    }
}
