import Foundation

/// The order one learner sees a discovery question's choices in: shuffled by the learner's own seed (kept in
/// the progress database), so one learner always sees one order and two learners see different ones, and no
/// letter is the answer for every question. The progress keeps the choices by their own keys; only what is
/// shown is lettered anew.
public struct ChoiceOrder: Sendable, Equatable {
    /// nil: the pack's own order (tests, and the experiments' answer key).
    public let seed: UInt64?

    public init(seed: UInt64?) { self.seed = seed }

    public static let packOrder = ChoiceOrder(seed: nil)

    /// The pack's choices in the order shown, each with the letter shown for it.
    public func shown(_ question: DiscoveryQuestion) -> [(letter: String, choice: DiscoveryQuestion.Choice)] {
        var choices = question.choices
        if let seed {
            // SplitMix64 from the learner's seed and the question's number: the same order every time
            var state = seed &+ UInt64(question.number) &* 0x9E37_79B9_7F4A_7C15
            func next() -> UInt64 {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
            for index in stride(from: choices.count - 1, to: 0, by: -1) {
                choices.swapAt(index, Int(next() % UInt64(index + 1)))
            }
        }
        let letters = "abcdefghijklmnopqrstuvwxyz".map(String.init)
        return choices.enumerated().map { (letters[$0.offset], $0.element) }
    }

    /// The question as this learner sees it: the choices in their order, lettered a, b, c..., the answer
    /// under its shown letter.
    public func presented(_ question: DiscoveryQuestion) -> DiscoveryQuestion {
        var presented = question
        let order = shown(question)
        presented.choices = order.map { DiscoveryQuestion.Choice(key: $0.letter, text: $0.choice.text) }
        presented.answer = letter(question.answer, of: question) ?? question.answer
        return presented
    }

    /// The letter shown for the choice whose own key is `key`.
    public func letter(_ key: String, of question: DiscoveryQuestion) -> String? {
        shown(question).first { $0.choice.key == key }?.letter
    }

    /// The choice's own key for the letter the learner typed (`B`, ` b `), nil when no choice has it.
    public func key(_ letter: String, of question: DiscoveryQuestion) -> String? {
        let typed = letter.trimmingCharacters(in: .whitespaces).lowercased()
        return shown(question).first { $0.letter == typed }?.choice.key
    }

    /// An answer as this learner sees it: its keys as shown letters.
    public func presented(_ answer: DiscoveryAnswer, of question: DiscoveryQuestion) -> DiscoveryAnswer {
        var presented = answer
        presented.prediction = letter(answer.prediction, of: question) ?? answer.prediction
        presented.measured = answer.measured.map { letter($0, of: question) ?? $0 }
        return presented
    }

    /// The questions and their latest answers as this learner sees them.
    public func presented(
        _ questions: [DiscoveryQuestion], answers: [Int: DiscoveryAnswer]
    ) -> (
        questions: [DiscoveryQuestion], answers: [Int: DiscoveryAnswer]
    ) {
        var shown: [Int: DiscoveryAnswer] = [:]
        for question in questions {
            if let answer = answers[question.number] { shown[question.number] = presented(answer, of: question) }
        }
        return (questions.map(presented), shown)
    }
}
