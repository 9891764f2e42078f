import Testing

@testable import Image

/// One rule for every index gym reads (OCI layouts, archives, registries): attestations are never images, a
/// platform named without a variant finds the entry with one, and a lone image needs no platform.
struct PlatformChoiceTests {
    struct Entry: Equatable {
        var platform: String?
        var attestation = false
    }

    static let buildKit = [
        Entry(platform: "linux/amd64"), Entry(platform: "linux/arm64/v8"), Entry(platform: "linux/arm/v7"),
        Entry(platform: "unknown/unknown", attestation: true), Entry(platform: "unknown/unknown"),
    ]

    @Test(
        arguments: [
            (buildKit, "linux/amd64", "linux/amd64"),
            (buildKit, "linux/arm64", "linux/arm64/v8"),
            (buildKit, "linux/arm64/v8", "linux/arm64/v8"),
            (buildKit, "linux/arm/v7", "linux/arm/v7"),
            // `linux/arm` names no variant: v7 answers; `linux/arm6` is another architecture, not a prefix
            (buildKit, "linux/arm", "linux/arm/v7"),
            (buildKit, "linux/arm6", nil),
            ([Entry(platform: "linux/arm64"), Entry(platform: "linux/arm/v7")], "linux/arm", "linux/arm/v7"),
            (buildKit, "linux/s390x", nil),
            // one image and an attestation: the image, whatever the host
            (
                [Entry(platform: "linux/ppc64le"), Entry(platform: "unknown/unknown", attestation: true)], nil,
                "linux/ppc64le"
            ),
        ] as [([Entry], String?, String?)])
    func theEntryForThePlatform(entries: [Entry], platform: String?, expected: String?) {
        let choice = PlatformChoice(entries, platform: platform, name: \.platform, isAttestation: \.attestation)
        #expect(choice.chosen?.platform == expected)
        #expect(!choice.isEmpty)
        if expected == nil, entries.count == Self.buildKit.count {
            #expect(choice.available == ["linux/amd64", "linux/arm64/v8", "linux/arm/v7"])
        }
    }

    @Test func anIndexOfAttestationsOnlyListsNoImage() {
        let choice = PlatformChoice(
            [Entry(platform: "unknown/unknown", attestation: true)], platform: nil, name: \.platform,
            isAttestation: \.attestation)
        #expect(choice.isEmpty && choice.chosen == nil)
    }

    @Test func withoutAPlatformAnEntryThatNamesNoneIsTaken() {
        let entries = [Entry(platform: "windows/amd64"), Entry(platform: nil), Entry(platform: "plan9/386")]
        let choice = PlatformChoice(entries, platform: nil, name: \.platform, isAttestation: \.attestation)
        #expect(choice.chosen == Entry(platform: nil))
        let asked = PlatformChoice(entries, platform: "linux/amd64", name: \.platform, isAttestation: \.attestation)
        #expect(asked.chosen == nil)
    }
}
