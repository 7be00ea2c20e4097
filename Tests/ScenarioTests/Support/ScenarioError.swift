/// A scenario that cannot be set up (a broken fixture, not a failed expectation).
struct ScenarioError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
