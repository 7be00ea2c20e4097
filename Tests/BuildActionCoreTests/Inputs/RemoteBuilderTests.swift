import DockerMetadata
import Testing

@testable import BuildActionCore

/// `builder-endpoint` over TCP carries build secrets, registry credentials and the sources:
/// another host only over TLS (buildx's remote driver: cacert, cert, key, servername), or when
/// the user opts in by name.
@Suite("Remote builder: TLS and plain-text TCP")
struct RemoteBuilderTests {
    static let ca = "-----BEGIN CERTIFICATE-----\nMIIBcaCAcaCAcaCAcaCAcaCAcaCAcaCAcaCA\nQ2FDQWNhQ0FjYUNBY2FDQQ==\n-----END CERTIFICATE-----\n"
    static let cert = "-----BEGIN CERTIFICATE-----\nMIIBclientCERTclientCERTclientCERTcl\nY2xpZW50Q0VSVGNsaWVudA==\n-----END CERTIFICATE-----\n"
    static let key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIKeyMaterialKeyMaterialKeyMat\nS2V5TWF0ZXJpYWxLZXlNYXQ=\n-----END EC PRIVATE KEY-----\n"

    static func inputs(_ values: [String: String]) throws(InputError) -> BuildActionInputs {
        var environment: [String: String] = [:]
        for (name, value) in values { environment[ActionInputReader.variableName(name)] = value }
        return try BuildActionInputs(environment: environment)
    }

    static func error(_ values: [String: String]) -> InputError? {
        do {
            _ = try inputs(values)
            return nil
        } catch {
            return error
        }
    }

    @Test func plainTCPToAnotherHostIsRefused() throws {
        let error = try #require(Self.error(["builder-endpoint": "tcp://buildkitd.example.com:1234"]))
        #expect(error.input == "builder-endpoint")
        #expect(error.value == "tcp://buildkitd.example.com:1234")
        #expect(error.description.hasPrefix(#"Input `builder-endpoint`: "tcp://buildkitd.example.com:1234" is plain-text TCP to another host"#))
        #expect(error.fix.contains("builder-tls-ca") && error.fix.contains("builder-insecure: true"))
    }

    @Test(arguments: ["tcp://127.0.0.1:1234", "tcp://localhost:1234", "tcp://[::1]:1234", "unix:///run/buildkit/buildkitd.sock",
                      "ssh://builder@buildkitd.example.com", "docker-container://buildkitd", "kube-pod://buildkitd-0"])
    func loopbackAndOtherTransportsNeedNoTLS(_ endpoint: String) throws {
        #expect(try Self.inputs(["builder-endpoint": endpoint]).builderEndpoint == endpoint)
    }

    @Test func optInByName() throws {
        let inputs = try Self.inputs(["builder-endpoint": "tcp://10.0.0.5:1234", "builder-insecure": "true"])
        #expect(inputs.builderEndpoint == "tcp://10.0.0.5:1234")
        #expect(inputs.builderTLS == nil)
        #expect(Self.error(["builder-endpoint": "tcp://10.0.0.5:1234", "builder-insecure": "yes"])?.input == "builder-insecure")
    }

    @Test func mutualTLS() throws {
        let inputs = try Self.inputs(["builder-endpoint": "tcp://buildkitd.example.com:1234", "builder-tls-ca": Self.ca,
                                      "builder-tls-cert": Self.cert, "builder-tls-key": Self.key, "builder-tls-server-name": "buildkitd.internal"])
        #expect(inputs.builderTLS == RemoteBuilderTLS(ca: Self.ca, cert: Self.cert, key: Self.key, serverName: "buildkitd.internal"))
        // masked before anything is printed: each value whole and each line of it
        for value in [Self.ca, Self.cert, Self.key] {
            #expect(inputs.secretValues.contains(value))
        }
        #expect(inputs.secretValues.contains("MHcCAQEEIKeyMaterialKeyMaterialKeyMat"))
        #expect(inputs.secretValues.contains("S2V5TWF0ZXJpYWxLZXlNYXQ="))
        #expect(!inputs.secretValues.contains("-----BEGIN EC PRIVATE KEY-----"))
        // server authentication only
        #expect(try Self.inputs(["builder-endpoint": "tcp://buildkitd.example.com:1234", "builder-tls-ca": Self.ca]).builderTLS
            == RemoteBuilderTLS(ca: Self.ca, cert: nil, key: nil, serverName: nil))
    }

    @Test func incompleteTLSNamesTheMissingInput() {
        let endpoint = "tcp://buildkitd.example.com:1234"
        #expect(Self.error(["builder-endpoint": endpoint, "builder-tls-ca": Self.ca, "builder-tls-cert": Self.cert])?.input == "builder-tls-key")
        #expect(Self.error(["builder-endpoint": endpoint, "builder-tls-ca": Self.ca, "builder-tls-key": Self.key])?.input == "builder-tls-cert")
        #expect(Self.error(["builder-endpoint": endpoint, "builder-tls-cert": Self.cert, "builder-tls-key": Self.key])?.input == "builder-tls-ca")
        #expect(Self.error(["builder-tls-ca": Self.ca])?.input == "builder-endpoint")
        #expect(Self.error(["builder-endpoint": "unix:///run/buildkitd.sock", "builder-tls-ca": Self.ca])?.input == "builder-tls-ca")
        #expect(Self.error(["builder-endpoint": endpoint, "builder-tls-ca": Self.ca, "builder-tls-server-name": "a,b"])?.input == "builder-tls-server-name")
    }

    /// Contents from a secret, not a path; the key's value is never quoted in the error.
    @Test func tlsValuesAreCertificatesNotPaths() throws {
        let endpoint = "tcp://buildkitd.example.com:1234"
        let ca = try #require(Self.error(["builder-endpoint": endpoint, "builder-tls-ca": "certs/ca.pem"]))
        #expect(ca.input == "builder-tls-ca" && ca.reason.contains("PEM") && ca.fix.contains("secret"))
        let key = try #require(Self.error(["builder-endpoint": endpoint, "builder-tls-ca": Self.ca, "builder-tls-cert": Self.cert, "builder-tls-key": "/k.pem"]))
        #expect(key.input == "builder-tls-key" && key.value == InputError.maskedValue)
    }

    /// buildx takes absolute paths (cacert, cert, key) and the server name as driver options.
    @Test func exactBuildxArguments() throws {
        let choice = try #require(try BuilderChoice.remote(endpoint: "tcp://buildkitd.example.com:1234", runID: "77"))
        let files = RemoteBuilderTLS.Files(ca: "/h/.openkf-build/docker-config-aB3dE6/secret-builder_ca", cert: "/h/c,1/cert", key: "/h/k", serverName: "buildkitd.internal")
        #expect(choice.createArguments(buildkitImage: nil, tls: files) == [
            "buildx", "create", "--name", "openkf-build-remote-77", "--driver", "remote",
            "--driver-opt", "cacert=/h/.openkf-build/docker-config-aB3dE6/secret-builder_ca",
            "--driver-opt", #""cert=/h/c,1/cert""#, "--driver-opt", "key=/h/k", "--driver-opt", "servername=buildkitd.internal",
            "tcp://buildkitd.example.com:1234", "--bootstrap",
        ])
        let serverOnly = RemoteBuilderTLS.Files(ca: "/h/ca", cert: nil, key: nil, serverName: nil)
        #expect(choice.createArguments(buildkitImage: nil, tls: serverOnly) == [
            "buildx", "create", "--name", "openkf-build-remote-77", "--driver", "remote", "--driver-opt", "cacert=/h/ca",
            "tcp://buildkitd.example.com:1234", "--bootstrap",
        ])
    }
}
