import Dockerfile

/// Instruction keywords in mixed case.
public struct ConsistentInstructionCasingRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "consistent-instruction-casing", title: "Instruction keywords in mixed case", severity: .warning,
        category: .style,
        rationale:
            "Keywords are case-insensitive, but a file that mixes `RUN` and `run` is harder to scan. Use one case, upper by convention.",
        buildkit: "ConsistentInstructionCasing",
        triggering: [RuleExample("FROM debian:12\n↓run make\nCOPY . /src")],
        nonTriggering: [RuleExample("FROM debian:12\nRUN make"), RuleExample("from debian:12\nrun make")])

    public func check(_ context: LintContext) -> [Finding] {
        let nodes = context.dockerfile.syntax.nodes
        // the keyword as written, and whether it is all upper or all lower case (ASCII)
        let words = nodes.map { node -> (String, Bool, Bool) in
            let word = String(
                decoding: node.original.utf8.drop(while: { $0 == 32 || $0 == 9 }).prefix(while: { $0 != 32 && $0 != 9 }
                ), as: UTF8.self)
            return (word, !word.utf8.contains { $0 >= 97 && $0 <= 122 }, !word.utf8.contains { $0 >= 65 && $0 <= 90 })
        }
        let upper = words.filter(\.1).count
        let lower = words.filter(\.2).count
        let preferUpper = upper >= lower
        return zip(nodes, words).compactMap { node, written in
            let word = written.0
            let ok = preferUpper ? written.1 : written.2
            guard !ok else { return nil }
            return context.finding(
                description, node,
                message: "\(word) is not \(preferUpper ? "upper" : "lower")-case like the other instructions",
                fix: "Write \(preferUpper ? word.uppercased() : word.lowercased())")
        }
    }
}
