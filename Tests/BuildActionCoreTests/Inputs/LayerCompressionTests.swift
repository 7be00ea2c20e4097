import Testing

@testable import BuildActionCore

@Suite("compression and compression-level")
struct LayerCompressionTests {
    @Test func gzipAtBuildxLevelAddsNothing() throws {
        #expect(try LayerCompression(parsing: "", level: "") == .standard)
        #expect(try LayerCompression(parsing: "GZIP", level: " ").exporterAttributes == "")
    }

    @Test func zstdAndLevelsBecomeExporterAttributes() throws {
        #expect(try LayerCompression(parsing: "zstd", level: "").exporterAttributes == ",compression=zstd,force-compression=true")
        #expect(try LayerCompression(parsing: "zstd", level: "19").exporterAttributes == ",compression=zstd,compression-level=19,force-compression=true")
        #expect(try LayerCompression(parsing: "gzip", level: "9").exporterAttributes == ",compression=gzip,compression-level=9,force-compression=true")
    }

    @Test(arguments: [("brotli", "", "compression"), ("zstd", "23", "compression-level"), ("gzip", "10", "compression-level"), ("zstd", "high", "compression-level")])
    func badValuesNameTheirInput(_ algorithm: String, _ level: String, _ input: String) {
        do {
            _ = try LayerCompression(parsing: algorithm, level: level)
            Issue.record("\(algorithm) \(level) must be refused")
        } catch {
            #expect(error.input == input)
        }
    }

    @Test func thePublishedLayoutIsCompressedAsAsked() throws {
        var plan = BuildPlan(contextPath: "/w", platforms: try PlatformList(parsing: "linux/amd64"), tags: [], buildArgs: try KeyValueList(parsing: "", input: "build-args"),
                             push: true, metadataFile: "/m", layoutDirectory: "/oci")
        plan.compression = try LayerCompression(parsing: "zstd", level: "19")
        #expect(plan.buildxArguments(secretFiles: [:]).suffix(3) == ["--output", "type=oci,dest=/oci,tar=false,compression=zstd,compression-level=19,force-compression=true", "/w"])
        #expect(!plan.loadArguments(platform: .linuxAMD64, tags: ["t"], secretFiles: [:]).joined().contains("compression"), "the engine gets what it stores anyway")
        let inputs = try BuildActionInputs(environment: ["INPUT_COMPRESSION": "zstd", "INPUT_COMPRESSION-LEVEL": "3"])
        #expect(inputs.compression == LayerCompression(algorithm: .zstd, level: 3))
    }
}
