import Context
import Dockerfile
import Foundation
import TestSupport
import Testing

@testable import Bench

/// The cache model against the real BuildKit on random scenarios: prune, build, change, predict, rebuild,
/// compare step by step. A fixed seed in CI; `scripts/cache-differential.sh --seed N --count M` runs others
/// (through GYM_DIFF_SEED and GYM_DIFF_COUNT).
@Suite(
    "Cache model, differential against BuildKit", .serialized, .dockerShared,
    .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
struct CacheDifferentialTests {
    static let seed = UInt64(ProcessInfo.processInfo.environment["GYM_DIFF_SEED"] ?? "") ?? 20_261_201
    static let count = Int(ProcessInfo.processInfo.environment["GYM_DIFF_COUNT"] ?? "") ?? 60
    static let scenarios = CacheScenarioGenerator(seed: seed).scenarios(count)

    /// A disagreement is run once more (fresh keys) before it fails: the prediction is the same every time, so a
    /// model error disagrees again, while a one-off loss of BuildKit's cache record under load does not.
    @Test("prediction agrees with BuildKit", arguments: scenarios)
    func agrees(_ scenario: CacheScenario) throws {
        var outcome = try CacheDifferential().run(scenario)
        if !outcome.agrees {
            FileHandle.standardError.write(
                Data("differential \(scenario.name): disagreed once, run again: \(outcome.disagreements)\n".utf8))
            outcome = try CacheDifferential().run(scenario)
        }
        #expect(outcome.compared > 0, "\(scenario.name): no step was compared")
        #expect(
            outcome.agrees,
            "\(scenario.name)\n\(scenario.dockerfile)\n\(outcome.disagreements.joined(separator: "\n"))")
    }

    /// Two stages on one base that start alike: after a build of `a`, a build of `b` answers their common
    /// step from `a`'s (the same key), and the model predicts it.
    @Test func stagesThatStartAlikeShareTheirSteps() throws {
        let base = "gym-local/debian:bookworm-slim"
        let scenario = CacheScenario(
            name: "two stages that start alike, target a then b", files: ["a.txt": "a\n"], executables: [],
            dockerfile:
                "FROM \(base) AS a\nRUN echo shared\nRUN echo a\n\nFROM \(base) AS b\nRUN echo shared\nRUN echo b\n",
            change: .target("b"), targetBefore: "a", argsBefore: [:])
        let outcome = try CacheDifferential().run(scenario)
        #expect(outcome.compared == 2, "\(outcome)")
        #expect(outcome.agrees, "\(outcome.disagreements.joined(separator: "\n"))")
    }
}

/// The generator itself, without an engine: reproducible, and every scenario valid.
@Suite("Differential scenario generator")
struct CacheScenarioGeneratorTests {
    @Test func theSameSeedDrawsTheSameScenarios() {
        let a = CacheScenarioGenerator(seed: 7).scenarios(20)
        #expect(a == CacheScenarioGenerator(seed: 7).scenarios(20))
        #expect(a != CacheScenarioGenerator(seed: 8).scenarios(20))
    }

    @Test(arguments: [1, 2, 3, 20_261_201] as [UInt64])
    func everyScenarioParsesAndItsChangeIsValid(seed: UInt64) throws {
        let scenarios = CacheScenarioGenerator(seed: seed).scenarios(100)
        try #require(scenarios.count == 100)
        var kinds = Set<String>()
        for scenario in scenarios {
            let dockerfile = try Dockerfile.parse(scenario.dockerfile)
            #expect((2...4).contains(dockerfile.stages.count), "\(scenario.name)")
            switch scenario.change {
            case .edit(let path), .touch(let path), .chmod(let path), .delete(let path), .editIgnored(let path):
                #expect(scenario.files[path] != nil, "\(scenario.name)")
            case .rename(let path, let to):
                #expect(scenario.files[path] != nil && scenario.files[to] == nil, "\(scenario.name)")
            case .add(let path):
                #expect(scenario.files[path] == nil, "\(scenario.name)")
            case .buildArg(let name, _, _):
                #expect(scenario.dockerfile.contains("ARG \(name)"), "\(scenario.name)")
            case .target(let stage):
                #expect(dockerfile.stages.contains { $0.name == stage }, "\(scenario.name)")
            }
            kinds.insert(String(describing: scenario.change).prefix { $0 != "(" }.description)
        }
        // every kind of change is drawn
        #expect(kinds.count == 9, "\(kinds)")
    }
}
