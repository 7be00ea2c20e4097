import Foundation

/// How one real registry behaves, as far as the in-memory registry imitates it: its hosts, its
/// authentication (Basic, or Bearer tokens from a realm on another https origin), where blobs
/// are served from, whether it mounts across repositories, whether it rejects attestations.
struct RegistryProfile: Sendable {
    /// Authentication as the registry's 401 challenges announce it.
    enum Authentication: Sendable, Equatable {
        /// `WWW-Authenticate: Basic`; the credentials go with every request.
        case basic
        /// `WWW-Authenticate: Bearer realm=...,service=...,scope=...`; `pullOnly`: the challenge
        /// names only `pull`, whatever the request needs (GHCR).
        case bearer(realm: String, service: String, pullOnly: Bool)
    }

    /// The registry as image names write it (`docker.io`, `ghcr.io`).
    let name: String
    /// The host of the distribution API.
    let apiHost: String
    /// The hosts `docker login` accepts for it.
    let loginHosts: [String]
    let authentication: Authentication
    /// The storage host that blob HEADs and GETs redirect to (307, presigned), if any.
    let storageHost: String?
    /// Whether `POST ...?mount=&from=` mounts (else it opens a plain upload, 202).
    let mounts: Bool
    /// Whether attestation manifests are refused (400 MANIFEST_INVALID, Alibaba Cloud ACR).
    let rejectsAttestations: Bool
    /// Whether upload locations are absolute URLs (Docker Hub) or paths.
    let absoluteLocations: Bool

    /// Docker Hub: tokens from auth.docker.io, blobs redirected to Cloudflare storage.
    static let dockerHub = RegistryProfile(
        name: "docker.io", apiHost: "registry-1.docker.io", loginHosts: ["docker.io", "index.docker.io", "registry-1.docker.io"],
        authentication: .bearer(realm: "https://auth.docker.io/token", service: "registry.docker.io", pullOnly: false),
        storageHost: "production.cloudflare.docker.com", mounts: true, rejectsAttestations: false, absoluteLocations: true)

    /// GHCR: tokens from ghcr.io/token, challenges naming only `pull`, mounts refused.
    static let ghcr = RegistryProfile(
        name: "ghcr.io", apiHost: "ghcr.io", loginHosts: ["ghcr.io"],
        authentication: .bearer(realm: "https://ghcr.io/token", service: "ghcr.io", pullOnly: true),
        storageHost: nil, mounts: false, rejectsAttestations: false, absoluteLocations: false)

    /// Alibaba Cloud ACR (Hangzhou): tokens from dockerauth, attestation manifests rejected.
    static let acr = RegistryProfile(
        name: "registry.cn-hangzhou.aliyuncs.com", apiHost: "registry.cn-hangzhou.aliyuncs.com", loginHosts: ["registry.cn-hangzhou.aliyuncs.com"],
        authentication: .bearer(realm: "https://dockerauth.cn-hangzhou.aliyuncs.com/auth", service: "registry.aliyuncs.com:cn-hangzhou:26842", pullOnly: false),
        storageHost: nil, mounts: true, rejectsAttestations: true, absoluteLocations: false)

    /// A self-hosted CNCF distribution with htpasswd (Basic) authentication.
    static let selfHosted = RegistryProfile(
        name: "registry.example.com", apiHost: "registry.example.com", loginHosts: ["registry.example.com"],
        authentication: .basic, storageHost: nil, mounts: true, rejectsAttestations: false, absoluteLocations: false)

    /// The token realm's host and path, for Bearer registries.
    var realm: (host: String, path: String)? {
        guard case .bearer(let realm, _, _) = authentication, let url = URL(string: realm), let host = url.host else { return nil }
        return (host, url.path)
    }
}
