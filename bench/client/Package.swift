// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Measures the action's own HTTP client (SocketHTTPClient): against Foundation's URLSession
/// (FoundationNetworking, libcurl on Linux; bench/urlsession.sh, RESULTS.md), and its hash and
/// upload throughput against sha256sum and curl (bench/throughput.sh).
///
/// A path dependency's identity is its directory's name, so it is computed (a clone need not be
/// called "main").
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = root.lastPathComponent.lowercased()

let package = Package(
    name: "urlsession-bench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "../..")],
    targets: [
        // Both clients in one process: request, upload and keep-alive modes.
        .executableTarget(name: "http-compare", dependencies: [.product(name: "SocketHTTP", package: rootIdentity)]),
        // One GET with only our client (binary size, static linking, start-up).
        .executableTarget(name: "get-ours", dependencies: [.product(name: "SocketHTTP", package: rootIdentity)]),
        // One GET with only URLSession (binary size, static linking, start-up).
        .executableTarget(name: "get-urlsession"),
        // Hash and upload throughput of our client (bench/throughput.sh).
        .executableTarget(name: "okf-throughput", dependencies: [.product(name: "BuildActionRuntime", package: rootIdentity), .product(name: "BuildActionCore", package: rootIdentity), .product(name: "OCIRegistry", package: rootIdentity), .product(name: "SocketHTTP", package: rootIdentity)]),
    ],
    swiftLanguageModes: [.v6]
)
