import Dockerfile
import Foundation

/// `FROM ... as ...` with FROM and AS in different cases.
public struct FromAsCasingRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "from-as-casing", title: "FROM and AS in different cases", severity: .warning, category: .style,
        rationale: "Write `AS` in the same case as `FROM` (`FROM x AS y`, or `from x as y`).",
        buildkit: "FromAsCasing",
        triggering: [RuleExample("FROM golang:1.22 ↓as build")],
        nonTriggering: [RuleExample("FROM golang:1.22 AS build"), RuleExample("from golang:1.22 as build")])

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.compactMap { stage -> Finding? in
            guard let keyword = stage.from.asKeyword else { return nil }
            let fromWord = String(stage.from.node.original.trimmingCharacters(in: .whitespaces).prefix(4))
            let fromUpper = fromWord == fromWord.uppercased()
            let asUpper = keyword == keyword.uppercased()
            let asLower = keyword == keyword.lowercased()
            guard (fromUpper && !asUpper) || (!fromUpper && !asLower) else { return nil }
            return context.finding(
                description, stage.from.node, at: " \(keyword) ",
                message: "'\(keyword)' does not match the case of '\(fromWord)'",
                fix: fromUpper ? "Write AS" : "Write as")
        }.map { finding in
            var f = finding
            f.range.start.column += 1
            return f
        }
    }
}
