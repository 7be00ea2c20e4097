/// The raw login inputs of the action, as read from the environment (untrimmed is fine).
public struct RegistryLoginInputs: Sendable, Equatable {
    /// The default `aliyun-registry`.
    public static let defaultAliyunRegistry = "registry.cn-hangzhou.aliyuncs.com"

    /// `registry-auth`: login-action style YAML list (see `RegistryAuth`).
    public var registryAuth: String
    /// `dockerhub-username`.
    public var dockerHubUsername: String
    /// `dockerhub-password` (secret).
    public var dockerHubPassword: String
    /// `aliyun-registry`; empty means `registry.cn-hangzhou.aliyuncs.com`.
    public var aliyunRegistry: String
    /// `aliyun-username`.
    public var aliyunUsername: String
    /// `aliyun-password` (secret).
    public var aliyunPassword: String
    /// `ghcr-username`.
    public var ghcrUsername: String
    /// `ghcr-password` (secret).
    public var ghcrPassword: String

    /// Creates the inputs; every field defaults to empty except `aliyunRegistry`.
    public init(registryAuth: String = "",
                dockerHubUsername: String = "", dockerHubPassword: String = "",
                aliyunRegistry: String = RegistryLoginInputs.defaultAliyunRegistry,
                aliyunUsername: String = "", aliyunPassword: String = "",
                ghcrUsername: String = "", ghcrPassword: String = "") {
        self.registryAuth = registryAuth
        self.dockerHubUsername = dockerHubUsername
        self.dockerHubPassword = dockerHubPassword
        self.aliyunRegistry = aliyunRegistry
        self.aliyunUsername = aliyunUsername
        self.aliyunPassword = aliyunPassword
        self.ghcrUsername = ghcrUsername
        self.ghcrPassword = ghcrPassword
    }
}
