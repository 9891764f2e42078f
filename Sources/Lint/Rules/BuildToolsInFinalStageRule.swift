import Dockerfile

/// Compilers and build tools installed in the stage that becomes the image.
public struct BuildToolsInFinalStageRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "build-tools-in-final-stage", title: "Build tools shipped in the final image", severity: .warning,
        category: .size,
        rationale: """
            Compilers, headers and build systems are needed to *build*, not to *run*. In the final stage they add
            hundreds of megabytes and a large attack surface. Build in a first stage and copy only the result.

            ```dockerfile
            FROM python:3.11-slim AS build
            RUN apt-get update && apt-get install -y --no-install-recommends build-essential
            COPY requirements.txt .
            RUN pip wheel --wheel-dir /wheels -r requirements.txt
            FROM python:3.11-slim
            COPY --from=build /wheels /wheels
            RUN pip install --no-cache-dir /wheels/*
            ```
            A cache mount (`RUN --mount=type=cache,target=/var/cache/apt ...`) keeps package downloads out of layers too.
            """,
        triggering: [
            RuleExample(
                "FROM python:3.11-slim\nRUN ↓apt-get update && apt-get install -y --no-install-recommends gcc build-essential"
            ),
            RuleExample("FROM alpine:3.19\nRUN ↓apk add --no-cache go=1.21.5-r0"),
            RuleExample("FROM node:20-slim\nCOPY . .\nRUN ↓npm ci && npm run build\nCMD [\"node\", \"dist/index.js\"]"),
        ],
        nonTriggering: [
            RuleExample(
                "FROM python:3.11-slim AS build\nRUN apt-get install -y gcc\nFROM python:3.11-slim\nCOPY --from=build /w /w"
            ),
            RuleExample(
                "FROM python:3.11-slim\nRUN apt-get install -y gcc && pip install x==1 && apt-get purge -y gcc"),
            RuleExample("FROM alpine:3.19\nRUN apk add --no-cache --virtual .build gcc=13 && make && apk del .build"),
            RuleExample("FROM node:20-slim\nCOPY . .\nRUN npm ci --omit=dev && npm run start:check"),
        ])

    static let tools: Set<String> = [
        "gcc", "g++", "build-essential", "make", "clang", "llvm", "golang", "go", "rustc", "cargo", "rust",
        "maven", "gradle", "default-jdk", "openjdk-17-jdk", "openjdk-21-jdk", "openjdk17", "openjdk21", "python3-dev",
        "python-dev", "libc6-dev", "musl-dev", "linux-headers", "cmake", "autoconf", "automake", "libtool",
        "nodejs-dev",
        "build-base", "libssl-dev", "libffi-dev", "alpine-sdk",
    ]

    /// `gcc=12.2` or `go~1.21` → the package name.
    static func packageName(_ spec: String) -> String {
        String(spec.prefix(while: { $0 != "=" && $0 != "~" }))
    }

    public func check(_ context: LintContext) -> [Finding] {
        guard let final = context.finalStage else { return [] }
        return context.runs.filter { $0.stage.index == final.index }.compactMap { step -> Finding? in
            var installed: [String] = []
            var manager = ""
            for command in step.commands {
                if ["apt-get", "apt"].contains(command.name) && command.arguments.contains("install") {
                    installed += command.operands(after: ["install"])
                    manager = command.name
                }
                if command.name == "apk" && command.arguments.contains("add") {
                    installed += command.operands(after: ["add"])
                    manager = "apk"
                }
                if ["yum", "dnf", "microdnf"].contains(command.name) && command.arguments.contains("install") {
                    installed += command.operands(after: ["install"])
                    manager = command.name
                }
            }
            let tools = installed.map(Self.packageName).filter { Self.tools.contains($0) }
            if tools.isEmpty, context.dockerfile.stages.count == 1,
                let npm = step.commands.first(where: { c in
                    c.name == "npm" && ["install", "ci", "i"].contains(c.arguments.first ?? "")
                        && c.operands(after: ["install", "ci", "i"]).isEmpty
                        && !c.has("--omit=dev", "--production", "--only=production", "--omit")
                }), step.commands.contains(where: { $0.name == "npm" && $0.arguments.first == "run" })
            {
                return context.finding(
                    description, step.run.node, at: npm.name,
                    message:
                        "npm \(npm.arguments.first ?? "install") installs dev dependencies, and they stay in the final image",
                    fix: "Build in a stage, then npm ci --omit=dev in the runtime stage (or COPY only the built output)"
                )
            }
            guard !tools.isEmpty else { return nil }
            let removed = step.commands.contains { c in
                (["apt-get", "apt"].contains(c.name)
                    && (c.arguments.contains("purge") || c.arguments.contains("remove")))
                    || (c.name == "apk" && c.arguments.contains("del"))
                    || (["yum", "dnf"].contains(c.name) && c.arguments.contains("remove"))
            }
            guard !removed else { return nil }
            return context.finding(
                description, step.run.node, at: manager,
                message: "\(tools.joined(separator: ", ")) stay in the final image",
                fix: "Build in an earlier stage (FROM ... AS build) and COPY --from=build only the result")
        }
    }
}
