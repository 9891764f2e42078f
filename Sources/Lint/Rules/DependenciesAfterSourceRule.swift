import Dockerfile

/// The whole source is copied before dependencies are installed: every code change reinstalls them.
public struct DependenciesAfterSourceRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "dependencies-after-source", title: "Dependencies installed after copying all the source",
        severity: .warning, category: .cache,
        rationale: """
            The course's first lesson. A COPY's cache key is the content of what it copies: after `COPY . .`, any
            edit to any file misses the cache, and so does every later step, including the slow dependency install.
            Copy only the dependency manifests first, install, then copy the rest. A code change then rebuilds in
            seconds; only a manifest change reinstalls.

            Before:
            ```dockerfile
            COPY . .
            RUN pip install -r requirements.txt
            ```
            After:
            ```dockerfile
            COPY requirements.txt .
            RUN pip install -r requirements.txt
            COPY . .
            ```
            The same holds for every ecosystem: package.json + package-lock.json (npm ci), yarn.lock, pnpm-lock.yaml,
            go.mod + go.sum (go mod download), Cargo.toml + Cargo.lock, pom.xml, build.gradle, Gemfile + Gemfile.lock,
            composer.json + composer.lock, *.csproj (dotnet restore), pyproject.toml + poetry.lock / uv.lock, Pipfile.lock.
            """,
        triggering: [
            RuleExample("FROM python:3.11-slim\nWORKDIR /app\n↓COPY . .\nRUN pip install -r requirements.txt"),
            RuleExample("FROM node:20-slim\nWORKDIR /app\n↓COPY . .\nRUN npm ci\nRUN npm run build"),
            RuleExample("FROM golang:1.22\nWORKDIR /src\n↓COPY . .\nRUN go mod download && go build -o /app"),
            RuleExample("FROM rust:1.77\n↓COPY . /src\nRUN cargo build --release"),
            RuleExample("FROM maven:3.9-eclipse-temurin-21\n↓COPY . .\nRUN mvn -B package"),
            RuleExample("FROM gradle:8-jdk21\n↓COPY . .\nRUN gradle build"),
            RuleExample("FROM ruby:3.3\n↓COPY . .\nRUN bundle install"),
            RuleExample("FROM composer:2\n↓COPY . .\nRUN composer install"),
            RuleExample("FROM mcr.microsoft.com/dotnet/sdk:8.0\n↓COPY . .\nRUN dotnet restore"),
            RuleExample("FROM python:3.11-slim\n↓COPY . .\nRUN poetry install --no-root"),
            RuleExample("FROM python:3.11-slim\n↓COPY . .\nRUN pipenv install --deploy"),
            RuleExample("FROM python:3.11-slim\n↓COPY . .\nRUN uv sync --frozen"),
            RuleExample("FROM node:20-slim\n↓COPY . .\nRUN yarn install --frozen-lockfile"),
            RuleExample("FROM node:20-slim\n↓COPY . .\nRUN pnpm install --frozen-lockfile"),
        ],
        nonTriggering: [
            RuleExample(
                "FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . ."
            ),
            RuleExample(
                "FROM node:20-slim\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build"),
            RuleExample("FROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app"),
            RuleExample("FROM python:3.11-slim\nCOPY . .\nCMD [\"python\", \"app.py\"]"),
        ])

    static func copiesEverything(_ copy: CopyInstruction) -> Bool {
        copy.from == nil && copy.files.sources.contains { [".", "./", "*", "./*", "./."].contains($0) }
    }

    public func check(_ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        for stage in context.dockerfile.stages {
            var broadCopy: (node: SyntaxNode, sources: [String])? = nil
            var copiedFirst: [String] = []
            for instruction in stage.instructions {
                if broadCopy == nil, case .copy(let copy) = instruction, !Self.copiesEverything(copy) {
                    copiedFirst += copy.files.sources.map { String($0.split(separator: "/").last ?? "") }
                }
                if broadCopy == nil {
                    if case .copy(let copy) = instruction, Self.copiesEverything(copy) {
                        broadCopy = (copy.node, copy.files.sources)
                    }
                    if case .add(let add) = instruction,
                        add.files.sources.contains(where: { [".", "./"].contains($0) })
                    {
                        broadCopy = (add.node, add.files.sources)
                    }
                }
                guard let copy = broadCopy, case .run(let run) = instruction,
                    let step = context.runs.first(where: { $0.run.node.range == run.node.range })
                else { continue }
                guard
                    let ecosystem = InstallEcosystem.fromManifests.first(where: { eco in
                        step.commands.contains(where: eco.readsManifest)
                    })
                else { continue }
                let manifestsCopiedFirst = ecosystem.files.contains { file in
                    copiedFirst.contains { source in
                        source == file || ((try? IgnorePattern(source))?.matches(file) ?? false)
                    }
                }
                if manifestsCopiedFirst { break }
                let keyword = copy.node.keyword.uppercased()
                findings.append(
                    context.finding(
                        description, copy.node,
                        message:
                            "\(keyword) \(copy.sources.joined(separator: " ")) comes before \(ecosystem.step) (line \(run.node.range.start.line)): any source change reinstalls every dependency",
                        fix: "COPY \(ecosystem.manifests) first, run the install, then \(keyword) the rest"))
                break
            }
        }
        return findings
    }
}
