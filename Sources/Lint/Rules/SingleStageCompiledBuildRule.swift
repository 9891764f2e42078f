import Dockerfile

/// A compiled language built in a single stage.
public struct SingleStageCompiledBuildRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "single-stage-compiled-build", title: "Compiled in a single stage", severity: .warning, category: .size,
        rationale: """
            Lab 2 of the course: a Go app built in `golang` weighs over a gigabyte; the same binary in `scratch` or
            `distroless/static` weighs a few megabytes. Compile in a builder stage, then copy the artifact.

            ```dockerfile
            FROM golang:1.22 AS build
            WORKDIR /src
            COPY go.mod go.sum ./
            RUN go mod download
            COPY . .
            RUN CGO_ENABLED=0 go build -o /app
            FROM gcr.io/distroless/static
            COPY --from=build /app /app
            ENTRYPOINT ["/app"]
            ```
            """,
        triggering: [
            RuleExample("↓FROM golang:1.22\nCOPY . .\nRUN go build -o /app\nCMD [\"/app\"]"),
            RuleExample("↓FROM node:20\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/index.js\"]"),
            RuleExample("↓FROM rust:1.77\nCOPY . .\nRUN cargo build --release"),
        ],
        nonTriggering: [
            RuleExample("FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app"),
            RuleExample("FROM python:3.11-slim\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt"),
        ])

    static func compiles(_ command: ShellCommand) -> String? {
        let args = command.arguments
        switch command.name {
        case "go" where args.first == "build" || args.first == "install": return "go " + args[0]
        case "cargo" where args.first == "build": return "cargo build"
        case "mvn",
            "mvnw" where args.contains("package") || args.contains("install"):
            return "mvn package"
        case "gradle",
            "gradlew" where args.contains("build") || args.contains("assemble") || args.contains("bootJar"):
            return "gradle build"
        case "dotnet" where args.first == "publish" || args.first == "build": return "dotnet " + args[0]
        case "npm" where args.first == "run" && args.dropFirst().first == "build": return "npm run build"
        case "yarn" where args.first == "build": return "yarn build"
        case "tsc", "gcc", "g++", "javac", "rustc": return command.name
        default: return nil
        }
    }

    public func check(_ context: LintContext) -> [Finding] {
        guard context.dockerfile.stages.count == 1, let stage = context.finalStage else { return [] }
        guard let compile = context.runs.lazy.flatMap(\.commands).compactMap(Self.compiles).first else { return [] }
        return [
            context.finding(
                description, stage.from.node,
                message: "\(compile) runs in the only stage, so the toolchain ships with the result",
                fix:
                    "Use a multi-stage build: compile in FROM ... AS build, COPY --from=build the artifact into a slim base"
            )
        ]
    }
}
