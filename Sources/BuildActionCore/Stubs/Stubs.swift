// TEMPORARY compile stubs, replaced by the real components.
import Foundation
public indirect enum HandlebarsValue: Sendable { case undefined, null, bool(Bool), number(Double), string(String), array([HandlebarsValue]), object(HandlebarsObject), function(HandlebarsFunction) }
public struct HandlebarsObject: Sendable { public init(_ pairs: [(String, HandlebarsValue)]) {} }
public struct HandlebarsFunction: Sendable { public init(_ body: @escaping @Sendable (_ this: HandlebarsValue, _ params: [HandlebarsValue], _ hash: [(String, HandlebarsValue)]) throws(HandlebarsError) -> HandlebarsValue) {} }
public enum HandlebarsError: Error, Equatable, Sendable { case parse(String), runtime(String) }
public struct HandlebarsTemplate: Sendable {
    public init(_ source: String) throws(HandlebarsError) {}
    public func render(_ context: HandlebarsValue) throws(HandlebarsError) -> String { "" }
    public static func isRawStatement(_ source: String) -> Bool { false }
}
public func jsNumberString(_ d: Double) -> String { "\(d)" }
public enum SemVerIdentifier: Sendable, Equatable { case string(String), number(Int) }
public struct SemVer: Sendable, Equatable {
    public let raw: String; public let loose: Bool; public let major, minor, patch: Int; public let prerelease: [SemVerIdentifier]; public let build: [String]; public let version: String
    public static func parse(_ s: String, loose: Bool) -> SemVer? { nil }
    public static func valid(_ s: String) -> String? { nil }
    public static func prerelease(_ s: String) -> [SemVerIdentifier]? { nil }
}
public struct PEP440Version: Sendable, Equatable { public var isPrerelease = false, isPostrelease = false, isDevrelease = false }
public enum PEP440 {
    public static func valid(_ s: String) -> String? { nil }
    public static func explain(_ s: String) -> PEP440Version? { nil }
    public static func clean(_ s: String) -> String? { nil }
}
public enum CSVListParser {
    public static func inputList(_ input: String) throws(CSVParseError) -> [String] { [] }
    public static func firstRecord(_ s: String) throws(CSVParseError) -> [String]? { nil }
}
public struct CSVParseError: Error, Equatable, Sendable { public let message: String }
extension HandlebarsValue { init(json: JSONValue) { self = .undefined } }
extension SemVer { var handlebarsValue: HandlebarsValue { .undefined } }
extension PEP440 { static func handlebarsContext(_ raw: String) -> HandlebarsValue { .undefined } }
