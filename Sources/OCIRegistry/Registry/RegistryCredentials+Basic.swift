import BuildActionCore
import Foundation

extension RegistryCredentials {
    /// The `Authorization: Basic ...` value.
    public var basicAuthorization: String {
        "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }
}
