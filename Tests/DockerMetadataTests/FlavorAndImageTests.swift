import Testing

@testable import DockerMetadata

@Suite("Flavor and images (src/flavor.ts, src/image.ts)")
struct FlavorAndImageTests {
    @Test func flavorEntriesOverrideInOrder() throws {
        let flavor = try Flavor(parsing: ["latest=false", "prefix=a-", "latest=true", "prefix=b-,onlatest=true", "suffix=-s"])
        #expect(flavor.latest == "true")
        #expect(flavor.prefix == "b-")
        #expect(flavor.prefixLatest)
        #expect(flavor.suffix == "-s")
        #expect(!flavor.suffixLatest)
        #expect(flavor.latest(auto: false))
    }

    @Test func flavorLatestAutoDefersToRule() throws {
        let flavor = try Flavor(parsing: [])
        #expect(flavor.latest(auto: true))
        #expect(!flavor.latest(auto: false))
        #expect(try !Flavor(parsing: ["latest=false"]).latest(auto: true))
    }

    @Test func flavorValueStopsAtSecondEquals() throws {
        #expect(try Flavor(parsing: ["prefix=a=b"]).prefix == "a")
    }

    @Test(arguments: [
        ("latest", "Invalid flavor entry: latest"),
        ("latest=yes", "Invalid latest flavor entry: latest=yes"),
        ("prefix=a-,onlatest=maybe", "Invalid value for onlatest attribute: maybe"),
        ("mode=fast", "Unknown flavor entry: mode=fast"),
    ])
    func flavorRejects(_ entry: String, _ message: String) {
        do {
            _ = try Flavor(parsing: [entry])
            Issue.record("accepted \(entry)")
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func imagesOldAndNewFormats() throws {
        #expect(try ImageSpec.images(parsing: ["a/b,c/d"]) == [ImageSpec(name: "a/b"), ImageSpec(name: "c/d")])
        #expect(try ImageSpec.images(parsing: ["name=a/b,enable=false", "c/d"]) == [ImageSpec(name: "a/b", enabled: false), ImageSpec(name: "c/d")])
        #expect(try ImageSpec.images(parsing: ["Ghcr.io/Org/App"]) == [ImageSpec(name: "Ghcr.io/Org/App")])
    }

    @Test(arguments: [
        ("name=a/b,enable=yes", "Invalid enable attribute value: name=a/b,enable=yes"),
        ("name=a/b,push=true", "Unknown image attribute: name=a/b,push=true"),
        ("enable=true", "Image name attribute empty: enable=true"),
    ])
    func imagesReject(_ entry: String, _ message: String) {
        do {
            _ = try ImageSpec.images(parsing: [entry])
            Issue.record("accepted \(entry)")
        } catch {
            #expect(error.message == message)
        }
    }
}
