import Testing

@testable import Image

/// `.dive-ci` files as dive writes them, read through Yams, and the sizes the gates take.
struct LayerGatesTests {
    @Test func readsDivesRules() throws {
        let gates = try LayerGates(
            diveCI: """
                rules:
                  # If the efficiency is measured below X%, mark as failed.
                  lowestEfficiency: 0.95
                  highestWastedBytes: 20MB
                  highestUserWastedPercent: "0.20"
                """)
        #expect(
            gates == LayerGates(lowestEfficiency: 0.95, highestWastedBytes: 20_000_000, highestUserWastedPercent: 0.2))
    }

    @Test func disabledAndEmptyRulesAreOff() throws {
        let gates = try LayerGates(diveCI: "rules:\n  lowestEfficiency: disabled\n  highestWastedBytes:\n")
        #expect(gates == LayerGates())
        #expect(try LayerGates(diveCI: "") == LayerGates())
        #expect(try LayerGates(diveCI: "# nothing yet\n") == LayerGates())
    }

    @Test(arguments: [
        ("rules:\n  lowestEfficency: 0.9\n", "unknown rule lowestEfficency"),
        ("rules:\n  lowestEfficiency: most\n", "lowestEfficiency: most is not a number"),
        ("rules:\n  highestWastedBytes: lots\n", "highestWastedBytes: lots is not a size"),
        ("lowestEfficiency: 0.9\n", "unknown key lowestEfficiency"),
        ("rules: [0.9]\n", "rules: expected a mapping"),
        ("rules:\n  lowestEfficiency: [0.9\n", "not YAML"),
    ])
    func badFilesNameTheFileAndTheProblem(text: String, expected: String) throws {
        let error = #expect(throws: ImageError.self) { try LayerGates(diveCI: text, file: "ci/.dive-ci") }
        #expect(error?.description.hasPrefix("ci/.dive-ci: ") == true, "\(String(describing: error))")
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        ("1024", Int64(1024)), ("20MB", 20_000_000), ("1.5GB", 1_500_000_000), ("2kB", 2000), ("3 KB", 3000),
        ("7B", 7), ("1TB", 1_000_000_000_000),
    ])
    func sizes(text: String, bytes: Int64) {
        #expect(LayerGates.bytes(text) == bytes)
    }

    @Test(arguments: ["", "MB", "-1MB", "twenty", "nanMB", "infGB"])
    func notSizes(text: String) {
        #expect(LayerGates.bytes(text) == nil)
    }
}
