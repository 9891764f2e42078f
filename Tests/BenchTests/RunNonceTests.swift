import Dockerfile
import Testing

@testable import Bench

/// Cache keys of a run's own: a nonce step right after every stage's FROM, nothing else changed.
@Suite("Run nonce")
struct RunNonceTests {
    @Test(arguments: [
        ("FROM debian\nRUN ls\n", "FROM debian\nRUN echo gym-run-N >/dev/null\nRUN ls\n"),
        (
            "ARG BASE=debian\nFROM $BASE AS a\nCOPY . /x\n\nFROM a AS b\nRUN <<EOF\nFROM not a stage\nEOF\n",
            "ARG BASE=debian\nFROM $BASE AS a\nRUN echo gym-run-N >/dev/null\nCOPY . /x\n\nFROM a AS b\n"
                + "RUN echo gym-run-N >/dev/null\nRUN <<EOF\nFROM not a stage\nEOF\n"
        ),
        ("FROM \\\n  debian\nRUN ls", "FROM \\\n  debian\nRUN echo gym-run-N >/dev/null\nRUN ls"),
    ])
    func aNonceStepFollowsEveryFrom(dockerfile: String, keyed: String) throws {
        #expect(try RunNonce.keyed(dockerfile, nonce: "N") == keyed)
        // what the stages hold otherwise is unchanged
        let before = try Dockerfile.parse(dockerfile).stages
        let after = try Dockerfile.parse(keyed).stages
        #expect(before.map(\.instructions.count).map { $0 + 1 } == after.map(\.instructions.count))
    }

    @Test func nonceStepsAreKnownByName() {
        #expect(RunNonce.isNonceStep("[s0 2/5] RUN echo gym-run-daf745c39dbb46bf >/dev/null"))
        #expect(!RunNonce.isNonceStep("[s0 3/5] RUN echo gym-run"))
        #expect(!RunNonce.isNonceStep("[s0 3/5] COPY gym-run-x /x"))
    }

    @Test func noncesDiffer() {
        let nonces = Set((0..<100).map { _ in RunNonce.fresh() })
        #expect(nonces.count == 100 && nonces.allSatisfy { $0.count == 16 })
    }
}
