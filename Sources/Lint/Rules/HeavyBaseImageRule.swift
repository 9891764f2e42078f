import Dockerfile

/// A heavy base image where the course's table offers a slimmer one.
public struct HeavyBaseImageRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "heavy-base-image", title: "Heavy base image for the final stage", severity: .info, category: .size,
        rationale: """
            The course's base-image table: `python:3.11` is about 1 GB, `python:3.11-slim` about 150 MB;
            `node:18` about 1 GB, `node:18-slim` about 250 MB. A toolchain image (`golang`, `rust`, `maven`,
            `gradle`) as the *final* stage ships the compiler. For a static binary, `ubuntu` or `debian` carries a
            whole distribution you never call: use `gcr.io/distroless/static` or `scratch`.
            """,
        triggering: [
            RuleExample("FROM ↓python:3.11\nCOPY . /app"), RuleExample("FROM ↓node:18\nCOPY . /app"),
            RuleExample(
                "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM ↓golang:1.22\nCOPY --from=build /app /app"),
            RuleExample(
                "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM ↓ubuntu:22.04\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]"
            ),
        ],
        nonTriggering: [
            RuleExample("FROM python:3.11-slim\nCOPY . /app"), RuleExample("FROM node:18-alpine\nCOPY . /app"),
            RuleExample(
                "FROM golang:1.22 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app"
            ),
            RuleExample("FROM ubuntu:22.04\nRUN apt-get update"),
        ])

    static let slimmable: [String: String] = [
        "python": "python:<version>-slim", "node": "node:<version>-slim", "ruby": "ruby:<version>-slim",
        "openjdk": "eclipse-temurin:<version>-jre", "php": "php:<version>-fpm-alpine",
    ]
    static let toolchains: Set<String> = ["golang", "rust", "maven", "gradle", "gcc"]

    public func check(_ context: LintContext) -> [Finding] {
        guard let stage = context.finalStage, !context.isStageReference(stage), !context.isDynamic(stage.from.baseName)
        else { return [] }
        let reference = ImageReference(stage.from.baseName)
        let name = reference.shortName
        let tag = reference.tag ?? "latest"
        var advice: String? = nil
        if let slim = Self.slimmable[name], !["slim", "alpine", "distroless", "jre"].contains(where: tag.contains) {
            advice = "\(stage.from.baseName) is the full image; use \(slim)"
        } else if Self.toolchains.contains(name) {
            advice =
                "\(stage.from.baseName) ships the \(name) toolchain in the final image; copy the artifact into a slim or distroless base"
        } else if ["ubuntu", "debian", "fedora", "centos"].contains(name),
            !stage.instructions.contains(where: { $0.keyword == "RUN" }),
            stage.instructions.contains(where: {
                if case .copy(let c) = $0 { return c.from != nil } else { return false }
            })
        {
            advice =
                "a copied binary on \(stage.from.baseName) carries a whole distribution; use gcr.io/distroless/static or scratch for a static binary"
        }
        guard let advice else { return [] }
        return [
            context.finding(
                description, stage.from.node, at: stage.from.baseName, message: advice,
                fix: "Pick a slimmer base from the course's table")
        ]
    }
}
