import Dockerfile
import Foundation

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
        func written(_ node: SyntaxNode) -> String {
            String(node.original.trimmingCharacters(in: .whitespaces).prefix(while: { !$0.isWhitespace }))
        }
        let upper = nodes.filter { written($0) == written($0).uppercased() }.count
        let lower = nodes.filter { written($0) == written($0).lowercased() }.count
        let preferUpper = upper >= lower
        return nodes.compactMap { node in
            let word = written(node)
            let ok = preferUpper ? word == word.uppercased() : word == word.lowercased()
            guard !ok else { return nil }
            return context.finding(
                description, node,
                message: "\(word) is not \(preferUpper ? "upper" : "lower")-case like the other instructions",
                fix: "Write \(preferUpper ? word.uppercased() : word.lowercased())")
        }
    }
}
