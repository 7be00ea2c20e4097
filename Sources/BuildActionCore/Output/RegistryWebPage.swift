/// The web page where people see an image's tags, for the step summary.
public enum RegistryWebPage {
    /// Docker Hub's tag page, GHCR's package page, Alibaba Cloud ACR's console page, else nil.
    public static func url(for image: ImageReference) -> String? {
        let registry = RegistryHost.canonical(image.registry)
        if registry == RegistryHost.dockerHub {
            if image.repository.hasPrefix("library/") { return "https://hub.docker.com/_/\(image.repository.dropFirst("library/".count))" }
            return "https://hub.docker.com/r/\(image.repository)/tags"
        }
        if registry == "ghcr.io" { return "https://ghcr.io/\(image.repository)" }
        if registry.hasPrefix("registry."), registry.hasSuffix(".aliyuncs.com") {
            let region = registry.dropFirst("registry.".count).dropLast(".aliyuncs.com".count)
            return "https://cr.console.aliyun.com/repository/\(region)/\(image.repository)/images"
        }
        return nil
    }
}
