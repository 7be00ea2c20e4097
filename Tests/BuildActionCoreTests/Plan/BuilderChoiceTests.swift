import Testing

@testable import BuildActionCore

@Suite("Builder choice (docker driver on the containerd store, else docker-container)")
struct BuilderChoiceTests {
    @Test func containerdStoreUsesTheEngine() {
        let choice = BuilderChoice.decide(driverStatus: #"[["driver-type","io.containerd.snapshotter.v1"]]"#, runID: "42")
        #expect(choice == .engine)
        #expect(choice.buildName == nil)
        #expect(choice.createArguments(buildkitImage: nil) == nil)
        #expect(choice.removeArguments == nil)
    }

    /// The docker-container path cannot run here (it needs the moby/buildkit image): its exact
    /// arguments are checked instead, and the project's GitHub workflow exercises it.
    @Test func classicStoreCreatesAContainerBuilder() {
        let choice = BuilderChoice.decide(driverStatus: #"[["Backing Filesystem","extfs"],["Supports d_type","true"],["Using metacopy","false"],["Native Overlay Diff","true"],["userxattr","false"]]"#, runID: "42")
        #expect(choice == .created(name: "openkf-build-42"))
        #expect(choice.buildName == "openkf-build-42")
        #expect(choice.createArguments(buildkitImage: "moby/buildkit:buildx-stable-1") == [
            "buildx", "create", "--name", "openkf-build-42", "--driver", "docker-container",
            "--driver-opt", "network=host", "--driver-opt", "image=moby/buildkit:buildx-stable-1", "--bootstrap",
        ])
        #expect(choice.removeArguments == ["buildx", "rm", "--force", "openkf-build-42"])
    }

    /// Builder names carry digits only, so that the post step can tell them from anything else.
    @Test func runIDInBuilderNamesIsANumber() {
        #expect(BuilderChoice.runID(githubRunID: "9876543210", processID: 7) == "9876543210")
        #expect(BuilderChoice.runID(githubRunID: nil, processID: 7) == "7")
        #expect(BuilderChoice.runID(githubRunID: "", processID: 7) == "7")
        #expect(BuilderChoice.runID(githubRunID: "1 --driver-opt x", processID: 7) == "7")
        #expect(BuilderChoice.isCreatedName(BuilderChoice.decide(driverStatus: "", runID: "12").buildName ?? ""))
        #expect(BuilderChoice.isCreatedName((try? BuilderChoice.remote(endpoint: "unix:///run/buildkit.sock", runID: "12"))??.buildName ?? ""))
        #expect(!BuilderChoice.isCreatedName("openkf-build-remote-remote-12"))
    }

    /// buildx's own default (moby/buildkit:buildx-stable-1) is a tag its account can move: the
    /// builder this action creates runs a BuildKit pinned by digest unless buildkit-image says otherwise.
    @Test func createdBuilderRunsThePinnedBuildKitByDefault() {
        let arguments = BuilderChoice.created(name: "openkf-build-1").createArguments(buildkitImage: nil) ?? []
        #expect(arguments.contains("image=moby/buildkit:v0.23.2@sha256:ddd1ca44b21eda906e81ab14a3d467fa6c39cd73b9a39df1196210edcb8db59e"), "\(arguments)")
        let pinned = "registry.example.com/mirror/buildkit:v0.23.2@sha256:" + String(repeating: "0", count: 64)
        #expect(BuilderChoice.created(name: "openkf-build-1").createArguments(buildkitImage: pinned)?.contains("image=" + pinned) == true)
    }
}
