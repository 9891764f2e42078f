import Testing

@testable import Scan

/// CVSS v3 base scores by the specification's formulas, on vectors with published scores.
@Suite("CVSS v3 base scores")
struct CVSSTests {
    @Test(arguments: [
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, Severity.critical),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, .medium),
        ("CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5, .medium),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, .high),
        ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, .critical),
        ("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N", 6.1, .medium),
        ("CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:H/I:H/A:N", 5.6, .medium),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0, .unknown),
    ])
    func scoresLikeTheSpecification(vector: String, score: Double, severity: Severity) {
        #expect(CVSS.baseScore(vector) == score)
        #expect(Severity(score: score) == severity)
    }

    @Test(arguments: [
        "CVSS:2.0/AV:N", "CVSS:3.1/AV:N/AC:L", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "",
    ])
    func incompleteOrOtherVectorsAreNotScored(vector: String) {
        #expect(CVSS.baseScore(vector) == nil)
    }
}
