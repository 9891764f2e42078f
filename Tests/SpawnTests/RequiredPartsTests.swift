import Testing

@testable import TestSupport

/// `GYM_TEST_REQUIRE_ALL` turns a missing part from a skip into a failure: CI cannot go green with the
/// engine-, registry-, PostgreSQL- or chromium-backed suites skipped.
struct RequiredPartsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let environment: [String: String]
        let present: Bool
        let opens: Bool
        var testDescription: String { "present \(present), \(environment) -> \(opens ? "runs" : "skips")" }
    }

    static let cases: [Case] = [
        Case(environment: [:], present: true, opens: true),
        Case(environment: [:], present: false, opens: false),
        Case(environment: ["GYM_TEST_REQUIRE_ALL": "1"], present: false, opens: true),
        Case(environment: ["GYM_TEST_REQUIRE_ALL": "1"], present: true, opens: true),
        Case(environment: ["GYM_TEST_REQUIRE_ALL": "0"], present: false, opens: false),
        Case(environment: ["GYM_TEST_REQUIRE_ALL": ""], present: false, opens: false),
    ]

    /// A gated suite whose part is missing skips on a bare machine and runs (so fails) under the variable.
    @Test(arguments: cases)
    func gateOpensWhenPresentOrRequired(_ item: Case) {
        #expect(RequiredParts.gate(present: item.present, environment: item.environment) == item.opens)
    }

    /// Under `GYM_TEST_REQUIRE_ALL` (as `.ci/run` runs), every part is here; the failure names what is not.
    @Test(.enabled(if: RequiredParts.enforced(), "runs only under GYM_TEST_REQUIRE_ALL"))
    func everyPartIsPresentWhenRequired() {
        let missing = RequiredParts.missing
        #expect(missing.isEmpty, "missing under GYM_TEST_REQUIRE_ALL: \(missing.joined(separator: "; "))")
    }
}
