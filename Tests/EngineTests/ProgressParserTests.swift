import Foundation
import Testing

@testable import Engine

/// The plain-progress parser over outputs recorded from the real BuildKit (dockerd 26).
struct ProgressParserTests {
    static func fixture(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func multiStageColdBuildWithParallelSteps() throws {
        let parser = BuildProgressParser.parse(try Self.fixture("multistage-cold.txt"))
        let steps = parser.instructionSteps
        #expect(
            steps.map(\.instruction)
                == [
                    "FROM docker.io/gym-local/debian:bookworm-slim", "RUN echo base > /base.txt",
                    "RUN sleep 1 && echo left > /left.txt", "RUN sleep 1 && echo right > /right.txt",
                    "COPY --from=left /left.txt /", "COPY --from=right /right.txt /", "COPY app.txt /app.txt",
                ].filter { name in steps.contains { $0.instruction == name } })
        #expect(steps.count == 7)
        #expect(steps.allSatisfy { !$0.cached })
        let left = try #require(steps.first { $0.stage == "left" })
        #expect(left.position == 1 && left.stageSteps == 1)
        #expect((left.seconds ?? 0) >= 1.0)  // interleaved with "right", re-announced, then DONE
        #expect(steps.contains { $0.stage == "stage-3" && $0.position == 4 })
        #expect(parser.imageID?.hasPrefix("sha256:") == true)
        #expect(parser.allSteps.contains { $0.name == "exporting to image" && !$0.isInstruction })
    }

    @Test func rebuildAfterAChangeShowsCachedSteps() throws {
        let parser = BuildProgressParser.parse(try Self.fixture("multistage-after-change.txt"))
        let steps = parser.instructionSteps.filter { !$0.isFrom }
        #expect(steps.filter(\.cached).count == 5)
        #expect(steps.filter { !$0.cached }.map(\.instruction) == ["COPY app.txt /app.txt"])
        let result = BuildResult(
            wallSeconds: 1, steps: parser.allSteps, imageID: nil, imageSize: nil, succeeded: true, log: "")
        #expect(result.stepsCached == 5)
        #expect(result.stepsExecuted == 1)
        #expect(abs(result.cacheHitRatio - 5.0 / 6.0) < 1e-9)
    }

    @Test func failingStepCarriesItsErrorAndOutput() throws {
        let parser = BuildProgressParser.parse(try Self.fixture("failing-run.txt"))
        let failing = try #require(parser.instructionSteps.first { $0.error != nil })
        #expect(failing.instruction == "RUN echo failing && exit 3")
        #expect(failing.error?.contains("exit code: 3") == true)
        #expect(failing.logs == ["failing"])
        #expect(parser.errors.last?.hasPrefix("ERROR: failed to solve:") == true)
    }

    @Test(
        arguments: [
            ("[builder 2/5] RUN go build", "builder", 2, 5, "RUN go build"),
            ("[3/4] COPY . .", nil, 3, 4, "COPY . ."),
            ("[stage-1 1/3] FROM docker.io/library/alpine:3.19", "stage-1", 1, 3, "FROM docker.io/library/alpine:3.19"),
        ] as [(String, String?, Int, Int, String)])
    func stepNames(name: String, stage: String?, position: Int, total: Int, instruction: String) {
        let step = BuildProgressParser.newStep(vertex: 1, name: name)
        #expect(step.stage == stage)
        #expect(step.position == position)
        #expect(step.stageSteps == total)
        #expect(step.instruction == instruction)
    }

    @Test func internalVerticesAreNotInstructions() {
        var parser = BuildProgressParser()
        parser.consume("#1 [internal] load build definition from Dockerfile")
        parser.consume("#1 DONE 0.0s")
        #expect(parser.allSteps.count == 1)
        #expect(parser.instructionSteps.isEmpty)
    }
}
