import Engine
import Foundation
import TestSupport
import Testing

@testable import Gym

/// The discovery questions without an engine: the catalog, predictions recorded before measurements, and a
/// learner's files never replaced.
struct DiscoveryTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-discovery-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func sevenQuestionsEachWithItsAnswerAmongItsChoices() throws {
        let questions = DiscoveryCatalog.questions
        #expect(questions.map(\.number) == Array(1...7))
        for question in questions {
            #expect(question.choices.contains { $0.key == question.answer }, "\(question.number)")
            #expect(!question.experiment.files.isEmpty, "\(question.number) has no files")
            #expect(try Explorer.choice(question.answer.uppercased(), of: question) == question.answer)
        }
        #expect(throws: GymError.self) { try DiscoveryCatalog.question(8) }
        #expect(throws: GymError.self) { try Explorer.choice("z", of: questions[0]) }
    }

    @Test func predictionsAreKeptWithWhatWasMeasured() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try ProgressStore(path: dir.appendingPathComponent("gym.sqlite").path)
        let first = try store.recordPrediction(question: 3, prediction: "a")
        // a prediction is on record before the experiment runs, without a measurement
        #expect(try store.discoveryAnswers()[3]?.measured == nil)
        try store.recordMeasurement(first, DiscoveryMeasurement(supports: "b", evidence: ["runtime COPY cached"]))
        #expect(try store.discoveryAnswers()[3]?.correct == false)
        let second = try store.recordPrediction(question: 3, prediction: "b")
        try store.recordMeasurement(second, DiscoveryMeasurement(supports: "b", evidence: ["again"]))
        let answer = try #require(try store.discoveryAnswers()[3])
        #expect(answer.correct == true && answer.evidence == ["again"])
        // reopened: still there
        let reopened = try ProgressStore(path: dir.appendingPathComponent("gym.sqlite").path)
        #expect(try reopened.discoveryAnswers().count == 1)
    }

    /// Each learner sees the choices in an order of their own, the same every time; the answer is not one
    /// letter for every question, and the letters map back to the choices the progress keeps.
    @Test func choicesComeInEachLearnersOwnOrder() throws {
        let questions = DiscoveryCatalog.questions
        let ada = ChoiceOrder(seed: 0x5EED_ADA)
        let bob = ChoiceOrder(seed: 0x5EED_B0B)
        #expect(questions.map { ada.shown($0).map(\.choice.key) } == questions.map { ada.shown($0).map(\.choice.key) })
        #expect(
            questions.map { ada.shown($0).map(\.choice.key) } != questions.map { bob.shown($0).map(\.choice.key) },
            "two learners see different orders")
        // the pack's order is the pack's
        #expect(questions.allSatisfy { ChoiceOrder.packOrder.presented($0).answer == $0.answer })
        for order in [ada, bob] {
            for question in questions {
                let presented = order.presented(question)
                #expect(
                    presented.choices.map(\.key)
                        == Array("abcdefghijklmnopqrstuvwxyz".prefix(question.choices.count)).map(String.init))
                #expect(Set(presented.choices.map(\.text)) == Set(question.choices.map(\.text)))
                // the shown answer letter is the same choice's text
                let shownAnswer = try #require(presented.choices.first { $0.key == presented.answer })
                #expect(shownAnswer.text == question.choices.first { $0.key == question.answer }?.text)
                #expect(order.key(presented.answer.uppercased(), of: question) == question.answer)
            }
        }
        // across many learners, the answer's letter varies for every question
        for question in questions {
            let letters = Set((1...64).map { ChoiceOrder(seed: UInt64($0) * 7919).presented(question).answer })
            #expect(letters.count > 1, "question \(question.number) always answers \(letters)")
        }
    }

    /// The learner's own words are kept beside the prediction, bounded; gym status shows them, and without a
    /// terminal `gym explore N --format json` shows the question and the learner's choices.
    @Test func ownWordsAreKeptAndTheQuestionIsShownWithoutATerminal() throws {
        let home = try scratch()
        defer { try? FileManager.default.removeItem(at: home) }
        let store = try ProgressStore(path: home.appendingPathComponent("gym.sqlite").path)
        let words = "the runtime stage copies only the binary"
        _ = try store.recordPrediction(question: 3, prediction: "b", ownWords: try Explorer.ownWords("  \(words)\n"))
        #expect(try store.discoveryAnswers()[3]?.ownWords == words)
        #expect(try Explorer.ownWords("   ") == nil)
        #expect(throws: GymError.self) {
            try Explorer.ownWords(String(repeating: "x", count: Explorer.ownWordsLimit + 1))
        }
        #expect(try store.choiceSeed() == (try store.choiceSeed()), "one learner, one order")
        let environment = ["GYM_HOME": home.path]
        let status = try GymBinary.run(["status"], environment: environment)
        #expect(status.stdout.contains("you said: \"\(words)\""), "\(status.stdout)")
        let asked = try GymBinary.run(["explore", "3", "--format", "json"], environment: environment)
        #expect(asked.status == 0, "\(asked.stderr)")
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(asked.stdout.utf8)) as? [String: Any])
        let choices = try #require(shown["choices"] as? [[String: String]])
        let order = ChoiceOrder(seed: try store.choiceSeed())
        let question = try DiscoveryCatalog.question(3)
        #expect(choices.map { $0["text"] ?? "" } == order.shown(question).map(\.choice.text))
        #expect(choices.map { $0["key"] ?? "" } == ["a", "b", "c"].prefix(choices.count).map { $0 })
        #expect(shown["answer"] == nil, "the answer is not shown before the experiment")
    }

    @Test func setUpKeepsTheLearnersFiles() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let question = try DiscoveryCatalog.question(6)
        try "FROM my-own-base\n".write(to: dir.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        let written = try Explorer.setUp(question, in: dir)
        #expect(written == ["app.py"])
        #expect(
            try String(contentsOf: dir.appendingPathComponent("Dockerfile"), encoding: .utf8) == "FROM my-own-base\n")
    }

    @Test func theCommandListsAsksAndRefusesWithoutATerminal() throws {
        let home = try scratch()
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = ["GYM_HOME": home.path]
        let list = try GymBinary.run(["explore"], environment: environment)
        #expect(list.status == 0 && list.stdout.contains("1  Layer caching           not explored"), "\(list.stdout)")
        let unknown = try GymBinary.run(["explore", "9", "--predict", "a"], environment: environment)
        #expect(unknown.status != 0 && unknown.stderr.contains("numbered 1 to 7"), "\(unknown.stderr)")
        let asked = try GymBinary.run(["explore", "1"], environment: environment)
        #expect(asked.status == 64 && asked.stderr.contains("--predict"), "\(asked.stderr)")
        let wrong = try GymBinary.run(["explore", "1", "--predict", "z"], environment: environment)
        #expect(wrong.status != 0 && wrong.stderr.contains("not a choice"), "\(wrong.stderr)")
        let status = try GymBinary.run(["status"], environment: environment)
        #expect(status.stdout.contains("0 of 7 discovery questions explored"), "\(status.stdout)")
    }
}

/// Each experiment on the real engine: what it measures is what the answer key says, and the outcome is
/// recorded with the prediction. Its builds carry a label of the test's own, so what they leave is found on an
/// engine other suites share.
@Suite(
    "Discovery experiments on the engine", .serialized, .dockerShared,
    .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
struct DiscoveryExperimentTests {
    @Test(arguments: 1...7)
    func theMeasurementSupportsTheAnswerKey(number: Int) throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("gym-explore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let question = try DiscoveryCatalog.question(number)
        let store = try ProgressStore(path: home.appendingPathComponent("gym.sqlite").path)
        // predict a wrong choice: the comparison must say so
        let wrong = try #require(question.choices.first { $0.key != question.answer }).key
        let run = "org.containergym.test-run=\(UUID().uuidString)"
        let outcome = try Explorer.explore(
            question, prediction: wrong, workspace: Workspace(root: home.appendingPathComponent("ws").path),
            store: store, engine: Engine.local.labelling(run))
        // the experiment's builds leave no image in the engine
        #expect(try DockerEngine.imageIDs(label: run).isEmpty, "question \(number)")
        #expect(outcome.measured.supports == question.answer, "\(number): \(outcome.measured.evidence)")
        #expect(!outcome.correct)
        #expect(!outcome.measured.evidence.isEmpty)
        #expect(try store.discoveryAnswers()[number]?.measured == question.answer)
        #expect(FileManager.default.fileExists(atPath: outcome.directory))
    }
}
