// swift-tools-version:6.0
import Foundation
import PackageDescription

/// The action image's build stage copies only Package.swift and Sources/: without Tests/ the
/// package declares no test targets, so that stage can build the executable.
let hasTests = FileManager.default.fileExists(atPath: Context.packageDirectory + "/Tests")

let package = Package(
    name: "openkf-build-action",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "openkf-build", targets: ["openkf-build"]),
        // For bench/client, which measures this HTTP client (against URLSession; throughput).
        .library(name: "BuildActionRuntime", targets: ["BuildActionRuntime"]),
        .library(name: "BuildActionCore", targets: ["BuildActionCore"]),
        .library(name: "SocketHTTP", targets: ["SocketHTTP"]),
        .library(name: "OCIRegistry", targets: ["OCIRegistry"]),
    ],
    targets: [
        // Pure: what reproduces JavaScript and npm libraries (RegExp, Handlebars, moment, Number, Date, sort, JSON). No environment, files, processes, network or clock.
        .target(name: "JavaScriptCompat"),
        // Pure: docker/metadata-action's rules (inputs, GitHub context, tag and label rules, semver, PEP 440, CSV).
        .target(name: "DockerMetadata", dependencies: ["JavaScriptCompat"]),
        // Pure: the action's inputs, the plan of a run, manifests, retry and chunk policies, summary and notification text.
        .target(name: "BuildActionCore", dependencies: ["DockerMetadata", "JavaScriptCompat"]),
        // Effects: HTTP/1.1 over sockets, TLS through the system's libssl, proxies, streamed bodies.
        .target(name: "SocketHTTP"),
        // Effects: the distribution API as Docker Hub, GHCR and ACR behave (auth, blobs, uploads, manifests), publishing an OCI layout.
        .target(name: "OCIRegistry", dependencies: ["BuildActionCore", "JavaScriptCompat", "SocketHTTP"]),
        // Effects: environment, files, processes, and the orchestration of one run.
        .target(name: "BuildActionRuntime", dependencies: ["BuildActionCore", "DockerMetadata", "JavaScriptCompat", "OCIRegistry", "SocketHTTP"]),
        // Thin executable.
        .executableTarget(name: "openkf-build", dependencies: ["BuildActionRuntime"]),
    ] + (hasTests ? [
        // The host's IANA zone files as a ZoneDatabase, for the tests of moment and of the engine.
        .target(name: "ZoneTestSupport", dependencies: ["JavaScriptCompat"], path: "Tests/ZoneTestSupport"),
        .testTarget(name: "JavaScriptCompatTests", dependencies: ["JavaScriptCompat", "ZoneTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "DockerMetadataTests", dependencies: ["DockerMetadata", "JavaScriptCompat", "ZoneTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "BuildActionCoreTests", dependencies: ["BuildActionCore", "DockerMetadata", "JavaScriptCompat"]),
        .testTarget(name: "SocketHTTPTests", dependencies: ["SocketHTTP"]),
        .testTarget(name: "OCIRegistryTests", dependencies: ["OCIRegistry", "BuildActionCore", "SocketHTTP"]),
        .testTarget(name: "BuildActionRuntimeTests", dependencies: ["BuildActionRuntime", "BuildActionCore", "DockerMetadata", "JavaScriptCompat", "OCIRegistry", "SocketHTTP"]),
        // The main step in process against a fake docker and in-memory registries (swift test --filter Scenarios).
        .testTarget(name: "ScenarioTests", dependencies: ["BuildActionRuntime", "BuildActionCore", "DockerMetadata", "JavaScriptCompat", "OCIRegistry", "SocketHTTP"], exclude: ["Fixtures"]),
        // Against the real engine and registries started by scripts/env/setup-environment.sh.
        .testTarget(name: "EndToEndTests", dependencies: ["BuildActionRuntime", "BuildActionCore", "DockerMetadata", "JavaScriptCompat", "OCIRegistry", "SocketHTTP", "openkf-build"]),
    ] : []),
    swiftLanguageModes: [.v6]
)
