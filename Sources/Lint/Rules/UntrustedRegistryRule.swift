import Dockerfile

/// FROM an image of a registry outside `trustedRegistries`.
public struct UntrustedRegistryRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "untrusted-registry", title: "Base image from an untrusted registry", severity: .error, category: .security,
        rationale:
            "With `trustedRegistries` in the configuration, every base image must come from one of them. Images without a registry come from docker.io.",
        hadolint: ["DL3026"],
        triggering: [
            RuleExample("FROM ↓python:3.11-slim", configuration: "trustedRegistries: [registry.example.com]"),
            RuleExample("FROM ↓quay.io/org/image:1", configuration: "trustedRegistries: [docker.io]"),
        ],
        nonTriggering: [
            RuleExample("FROM quay.io/org/image:1"),
            RuleExample(
                "FROM python:3.11-slim\nFROM registry.example.com/app:1",
                configuration: "trustedRegistries: [docker.io, registry.example.com]"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        let trusted = context.configuration.trustedRegistries
        guard !trusted.isEmpty else { return [] }
        return context.dockerfile.stages.compactMap { stage -> Finding? in
            let base = stage.from.baseName
            guard base != "scratch", !context.isStageReference(stage), !context.isDynamic(base) else { return nil }
            let registry = ImageReference(base).registry ?? "docker.io"
            let ok = trusted.contains {
                $0 == registry || ($0 == "docker.io" && registry == "index.docker.io")
                    || ($0.hasPrefix("*.") && registry.hasSuffix($0.dropFirst()))
            }
            guard !ok else { return nil }
            return context.finding(
                description, stage.from.node, at: base, message: "\(base) comes from \(registry), which is not trusted",
                fix: "Use an image from: \(trusted.joined(separator: ", "))")
        }
    }
}
