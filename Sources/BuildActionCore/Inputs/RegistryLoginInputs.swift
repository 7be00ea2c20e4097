/// The raw login inputs of the action, as read from the environment (untrimmed is fine).
public struct RegistryLoginInputs: Sendable, Equatable {
    /// The default `aliyun-registry`.
    public static let defaultAliyunRegistry = "registry.cn-hangzhou.aliyuncs.com"

    /// The default `ghcr-registry` (GitHub Enterprise Server's is `containers.HOSTNAME`).
    public static let defaultGHCRRegistry = "ghcr.io"

    /// `registry-auth`: login-action style YAML list (see `RegistryAuth`).
    public var registryAuth: String
    /// `dockerhub-registry`; empty means `docker.io` (a Docker Hub mirror or a registry that
    /// stands in for it).
    public var dockerHubRegistry: String
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
    /// `ghcr-registry`; empty means `ghcr.io`.
    public var ghcrRegistry: String
    /// `ghcr-username`.
    public var ghcrUsername: String
    /// `ghcr-password` (secret).
    public var ghcrPassword: String

    /// Creates the inputs; every field defaults to empty except `aliyunRegistry`.
    public init(registryAuth: String = "", dockerHubRegistry: String = "",
                dockerHubUsername: String = "", dockerHubPassword: String = "",
                aliyunRegistry: String = RegistryLoginInputs.defaultAliyunRegistry,
                aliyunUsername: String = "", aliyunPassword: String = "",
                ghcrRegistry: String = "", ghcrUsername: String = "", ghcrPassword: String = "") {
        self.registryAuth = registryAuth
        self.dockerHubRegistry = dockerHubRegistry
        self.ghcrRegistry = ghcrRegistry
        self.dockerHubUsername = dockerHubUsername
        self.dockerHubPassword = dockerHubPassword
        self.aliyunRegistry = aliyunRegistry
        self.aliyunUsername = aliyunUsername
        self.aliyunPassword = aliyunPassword
        self.ghcrUsername = ghcrUsername
        self.ghcrPassword = ghcrPassword
    }
}
