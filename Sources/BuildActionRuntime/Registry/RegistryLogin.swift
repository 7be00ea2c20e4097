import Foundation

/// Credentials for one registry. `description` never shows the password.
public struct RegistryLogin: Sendable, Equatable, CustomStringConvertible {
    /// The user name.
    public let username: String
    /// The password or token.
    public let password: String

    /// Credentials from their parts.
    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// `user:***`.
    public var description: String { "\(username):***" }

    /// The `Authorization: Basic ...` value.
    var basicAuthorization: String {
        "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }
}
