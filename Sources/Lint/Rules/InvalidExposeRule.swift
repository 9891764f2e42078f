import Dockerfile

/// EXPOSE of a port outside 0–65535 or with an unknown protocol.
public struct InvalidExposeRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "invalid-expose", title: "EXPOSE of an invalid port", severity: .error, category: .correctness,
        rationale:
            "Ports range from 0 to 65535 and the protocol is tcp, udp or sctp. `EXPOSE 80:8080` is a run-time mapping, not a port.",
        hadolint: ["DL3011"],
        triggering: [RuleExample("FROM debian:12\nEXPOSE 80 ↓70000"), RuleExample("FROM debian:12\nEXPOSE ↓80:8080")],
        nonTriggering: [
            RuleExample("FROM debian:12\nEXPOSE 80 443/tcp 53/udp 8000-8010"),
            RuleExample("FROM debian:12\nEXPOSE $PORT"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.instructions.flatMap { _, instruction -> [Finding] in
            guard case .expose(let expose) = instruction else { return [] }
            return expose.ports.compactMap { port in
                if port.includes("$") { return nil }
                let parts = port.split(separator: "/", maxSplits: 1)
                let proto = parts.count > 1 ? parts[1].lowercased() : "tcp"
                let range = parts.first.map { $0.split(separator: "-", omittingEmptySubsequences: false) } ?? []
                let numbers = range.map { Int($0) }
                let valid =
                    ["tcp", "udp", "sctp"].contains(proto) && !numbers.isEmpty && numbers.count <= 2
                    && numbers.allSatisfy { $0 != nil && (0...65535).contains($0!) }
                guard !valid else { return nil }
                return context.finding(
                    description, expose.node, at: port, message: "\(port) is not a valid port",
                    fix: "Use a port number 0-65535, optionally /tcp, /udp or /sctp")
            }
        }
    }
}
