import JavaScriptCompat
import ZoneTestSupport
import Testing

/// tzdata.zi name lists and moment-timezone's name matching.
@Suite struct TZDataNamesTests {
    let sample = """
        # version 2099z
        # comment
        R d 1916 o - Jun 14 23s 1 S
        Z Europe/Paris 0:9:21 - LMT 1891 Mar 16
        0:9:21 - PMT 1911 Mar 11
        1 E CE%sT
        Zone America/Port_of_Spain -4:6:4 - LMT 1912 Mar 2  # full keyword
        Z Factory 0 - -00
        L Europe/Paris Europe/Monaco
        Link America/Port_of_Spain America/Chain_A
        L America/Chain_A America/Chain_B
        L Nowhere/Zone Broken/Link
        """

    @Test func readsZonesLinksAndVersion() throws {
        let names = try TZDataNames.parse(sample)
        #expect(names.version == "2099z")
        #expect(names.zones == ["Europe/Paris", "America/Port_of_Spain", "Factory"])
        #expect(names.links == ["Europe/Monaco": "Europe/Paris", "America/Chain_A": "America/Port_of_Spain",
                                "America/Chain_B": "America/Chain_A", "Broken/Link": "Nowhere/Zone"])
    }

    @Test(arguments: [
        ("europe/paris", "Europe/Paris"), ("EUROPE_PARIS", "Europe/Paris"), ("Europe/Monaco", "Europe/Monaco"),
        ("america_port/of_spain", "America/Port_of_Spain"), ("america/chain_b", "America/Chain_B"),
    ])
    func matchesLikeMoment(_ input: String, _ canonical: String) throws {
        #expect(try TZDataNames.parse(sample).canonicalName(for: input) == canonical)
    }

    @Test(arguments: ["Factory", "factory", "Europe/Paris/", " Europe/Paris", "Paris", "", "constructor"])
    func unknownNames(_ input: String) throws {
        #expect(try TZDataNames.parse(sample).canonicalName(for: input) == nil)
    }

    @Test func linksResolveToZones() throws {
        let names = try TZDataNames.parse(sample)
        #expect(names.zoneName(for: "Europe/Monaco") == "Europe/Paris")
        #expect(names.zoneName(for: "America/Chain_B") == "America/Port_of_Spain")
        #expect(names.zoneName(for: "Europe/Paris") == "Europe/Paris")
        #expect(names.zoneName(for: "Broken/Link") == nil)
        #expect(names.allNames == ["America/Chain_A", "America/Chain_B", "America/Port_of_Spain", "Broken/Link",
                                   "Europe/Monaco", "Europe/Paris"])
    }

    @Test(arguments: ["Z", "L Europe/Paris", "Link Europe/Paris  # no name"])
    func rejectsIncompleteLines(_ line: String) {
        #expect(throws: ZoneDataError.self) { try TZDataNames.parse("Z A/B 0 - X\n" + line) }
    }

    @Test func hostListMatchesMomentsNameSet() throws {
        // moment-timezone 0.6.2 in metadata-action knows 340 zones + 257 links = 597 names:
        // every Zone and Link of tzdata except Factory.
        let names = try HostZoneData.loaded.get().names
        #expect(names.allNames.count == 597)
        #expect(names.zones.count + names.links.count == 598)
        for name in ["US/Pacific", "Etc/GMT-14", "EST", "GB-Eire", "Asia/Calcutta", "Zulu", "Europe/Kyiv"] {
            #expect(names.canonicalName(for: name.uppercased()) == name)
        }
    }
}
