import BuildActionCore
import BuildActionRuntime
import Foundation
import OCIRegistry
import SocketHTTP
import Testing

/// The doubles behave like what they stand for, checked through the runtime's own public
/// clients: a scenario that passes against a lenient fake would prove nothing.
@Suite("Scenarios: the test doubles")
struct ScenariosTestDoubles {
    static func world(_ faults: [String: [RegistryFault]] = [:]) throws -> ScenarioWorld { try ScenarioWorld(faults: faults) }

    static let hubLogin = RegistryCredentials(registry: "docker.io", username: ScenarioJob.dockerHubUser, password: ScenarioJob.dockerHubPassword)

    /// A blob file in the world's directory.
    static func blob(_ world: ScenarioWorld, _ content: String) throws -> (String, Digest, Int) {
        let path = world.root + "/blob-\(content.count)"
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        return (path, .sha256(of: Data(content.utf8)), content.utf8.count)
    }

    @Test func uploadsAreCheckedAgainstTheirDigestAndBlobsRedirectToStorage() async throws {
        let world = try Self.world()
        let client = RegistryClient(registry: "docker.io", login: Self.hubLogin, transport: world.network)
        let (path, digest, size) = try Self.blob(world, "layer bytes")
        guard case .session(let session, _) = try await client.startUpload(repository: "openim/a", digest: digest, mountFrom: nil) else {
            Issue.record("no upload session")
            return
        }
        let wrong = Digest.sha256(of: Data("other".utf8))
        await #expect(throws: RegistryError.self) { try await client.putBlob(session, digest: wrong, from: FileRegion(path: path, length: size)) }
        guard case .session(let again, _) = try await client.startUpload(repository: "openim/a", digest: digest, mountFrom: nil) else { return }
        try await client.putBlob(again, digest: digest, from: FileRegion(path: path, length: size))
        #expect(try await client.hasBlob(repository: "openim/a", digest: digest), "a 307 to storage counts as present")
        #expect(try await client.blob(repository: "openim/a", digest: digest) == Data("layer bytes".utf8), "read from storage without credentials")
        #expect(world.dockerHub.requests.contains { $0.method == "HEAD" && $0.status == 307 })
        #expect(try await client.startUpload(repository: "openim/b", digest: digest, mountFrom: "openim/a") == .mounted)
    }

    @Test func wrongCredentialsAreRefusedByTheTokenServiceAndTheDaemon() async throws {
        let world = try Self.world()
        let wrong = RegistryCredentials(registry: "docker.io", username: ScenarioJob.dockerHubUser, password: "wrong-password")
        let client = RegistryClient(registry: "docker.io", login: wrong, transport: world.network)
        await #expect(throws: RegistryError.self) { _ = try await client.hasBlob(repository: "openim/a", digest: .sha256(of: Data())) }
        #expect(world.network.dockerLogin(host: "docker.io", username: ScenarioJob.dockerHubUser, password: "wrong-password")
                == "Get \"https://registry-1.docker.io/v2/\": unauthorized: incorrect username or password")
        #expect(world.network.dockerLogin(host: "docker.io", username: ScenarioJob.dockerHubUser, password: ScenarioJob.dockerHubPassword) == nil)
    }

    @Test func faultsAnswerExactlyAsOftenAsAsked() async throws {
        let world = try Self.world(["ghcr.io": [.answer(503, first: 2, matching: "^HEAD .*/manifests/"), .tagLag(reads: 1)]])
        let client = RegistryClient(registry: "ghcr.io", login: RegistryCredentials(registry: "ghcr.io", username: "x", password: ScenarioJob.jobToken),
                                    transport: world.network)
        for _ in 0..<2 {
            await #expect(throws: RegistryError.self) { _ = try await client.manifestDigest(repository: "o/r", reference: "latest") }
        }
        #expect(try await client.manifestDigest(repository: "o/r", reference: "latest") == nil, "a plain 404 once the faults are used up")
        let manifest = Data(#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}"#.utf8)
        try await client.putManifest(repository: "o/r", reference: "latest", mediaType: "application/vnd.oci.image.index.v1+json", data: manifest)
        #expect(try await client.manifestDigest(repository: "o/r", reference: "latest") == nil, "lag: the first read after the write")
        #expect(try await client.manifestDigest(repository: "o/r", reference: "latest") == Digest.sha256(of: manifest))
    }

    @Test func buildxWritesALayoutTheActionCanRead() async throws {
        let world = try Self.world()
        let docker = FakeDocker(machine: FakeDocker.Machine(), clock: ScenarioJob.now) { _, _, _ in nil }
        try ScenarioJob.dockerfile.write(toFile: world.workspace + "/Dockerfile", atomically: true, encoding: .utf8)
        func build(_ extra: [String], platforms: String) async throws -> (PushableImage, OCILayout) {
            let layout = world.root + "/oci-" + ContentDigest.of(Data((platforms + extra.joined()).utf8)).dropFirst(7).prefix(8)
            let result = try await docker.run(Command("docker", ["buildx", "build", "--platform", platforms] + extra
                                                    + ["--metadata-file", layout + ".json", "--output", "type=oci,dest=\(layout),tar=false", world.workspace]), input: nil)
            #expect(result.status == 0, "\(result.standardError)")
            let metadata = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: layout + ".json"))) as? [String: Any]
            let image = try OCILayout(directory: layout).image()
            #expect(metadata?["containerimage.digest"] as? String == image.top.digest.description)
            return (image, OCILayout(directory: layout))
        }
        let (both, _) = try await build([], platforms: "linux/amd64,linux/arm64")
        #expect(both.children.filter { !$0.isAttestation }.compactMap(\.platform) == ["linux/amd64", "linux/arm64"])
        #expect(both.children.filter(\.isAttestation).count == 2, "provenance by default, one per platform")
        let (plain, layout) = try await build(["--provenance", "false"], platforms: "linux/arm64")
        #expect(plain.children.isEmpty, "one platform without attestations is a plain image manifest")
        let config = try #require(try ImageManifest(parsing: plain.top.data, headerType: nil).configDigest)
        #expect(layout.configPlatform(config) == "linux/arm64")
        let failing = try await docker.run(Command("docker", ["buildx", "build", "--platform", "linux/amd64", "--file", world.root + "/none", world.workspace]), input: nil)
        #expect(failing.status == 1 && failing.standardError.contains("failed to read dockerfile"))
    }
}
