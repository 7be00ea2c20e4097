/// What to do about a registry's permanent answer, by registry and status.
public enum PublishFailureHint {
    /// A hint for a failed push to `registry` (`status` nil for a network failure).
    public static func hint(registry: String, status: Int?, message: String) -> String {
        let host = RegistryHost.canonical(registry)
        let lowered = message.lowercased()
        if lowered.contains("unknown manifest class") || lowered.contains("manifest_invalid") || lowered.contains("manifest invalid") {
            return "The registry rejected a manifest; Alibaba Cloud ACR rejects OCI attestation manifests: add \(host) to no-attestations-registries (the *.aliyuncs.com hosts are in it by default) or set provenance: false."
        }
        if lowered.contains("token realm") && lowered.contains("plain http") {
            return "\(host) names a token service on plain http; credentials are only sent over https. Check the registry's configuration (its auth.token.realm)."
        }
        if lowered.contains("was stored as") || lowered.contains("stored sha256") {
            return "\(host) stored other content than was sent (a proxy in between may alter uploads); check the network path to the registry."
        }
        if lowered.contains("rate limit") || status == 429 && host == RegistryHost.dockerHub {
            return "\(host) is rate-limiting this runner: Docker Hub allows anonymous pulls per IP and more to logged-in accounts; log in (dockerhub-username/password) or re-run the job later."
        }
        if lowered.contains("through proxy") || lowered.contains("could not reach proxy") {
            return "The proxy from HTTPS_PROXY (or HTTP_PROXY) failed: check its address and that it allows CONNECT to \(host); list hosts to reach directly in NO_PROXY."
        }
        switch status {
        case 401?:
            return "The credentials for \(host) were refused: check the secrets behind its inputs (a token may have expired)."
        case 403? where host == "ghcr.io":
            return "GHCR refused the push: give the job permissions: packages: write, and for an existing package add this repository under the package's Manage Actions access with the Write role."
        case 403?:
            return "\(host) refused the push: the account needs write access to the repository (on ACR the namespace must exist and belong to the account)."
        case 404?:
            return "\(host) does not know the repository: create it (ACR namespaces and repositories, or a registry that does not create them on push) or check the image name."
        case nil:
            return "\(host) could not be reached after the retries: check the host name and the runner's network (behind a proxy, set HTTPS_PROXY for the job), or try again later."
        case let code? where code >= 500 || code == 429:
            return "\(host) kept failing after the retries (\(code)): the registry has trouble; re-run the job later (re-runs are idempotent)."
        default:
            return "See the registry's message above."
        }
    }
}
