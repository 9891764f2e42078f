import Testing

@testable import Dockerfile

/// Variable expansion where BuildKit expands, ARG scoping, and stage references.
struct ExpansionTests {
    @Test("global ARGs are visible in FROM, and in a stage only when redeclared")
    func argScoping() throws {
        let file = try Dockerfile.parse(
            """
            ARG VERSION=3.11
            ARG TAG
            FROM python:${VERSION}-slim
            RUN echo $VERSION
            WORKDIR /v${VERSION}
            ARG VERSION
            WORKDIR /v${VERSION}
            """)
        let stage = try file.resolve()[0]
        #expect(stage.baseName == "python:3.11-slim")
        #expect(stage.steps[1].words == ["/v"])
        #expect(stage.steps[3].words == ["/v3.11"])
        let overridden = try file.resolve(buildArgs: ["VERSION": "3.12"])[0]
        #expect(overridden.baseName == "python:3.12-slim")
        #expect(overridden.steps[3].words == ["/v3.12"])
    }

    @Test("ENV overrides ARG and is expanded in later instructions")
    func envExpansion() throws {
        let file = try Dockerfile.parse(
            """
            FROM a
            ARG HOME=/arg
            ENV HOME=/env APP=${HOME}/app
            WORKDIR $APP
            COPY --chown=${USER:-app} src/ ${APP}/src/
            EXPOSE ${PORT:-8080} 9090/udp
            LABEL version="${VERSION:-dev}"
            """)
        let steps = try file.resolve()[0].steps
        #expect(steps[1].words == ["HOME=/env", "APP=/env/app"])
        #expect(steps[2].words == ["/env/app"])
        #expect(steps[3].words == ["src/", "/env/app/src/"])
        #expect(steps[3].chown == "app")
        #expect(steps[4].words == ["8080", "9090/udp"])
        #expect(steps[5].words == ["version=dev"])
    }

    @Test("RUN and CMD are not expanded by the builder")
    func runNotExpanded() throws {
        let file = try Dockerfile.parse("FROM a\nARG X=1\nRUN echo $X\nCMD echo $X\n")
        let steps = try file.resolve()[0].steps
        #expect(steps[1].words == ["echo $X"])
        #expect(steps[1].arguments == ["X": "1"])
        #expect(steps[2].words == ["echo $X"])
    }

    @Test("platform ARGs are predefined in FROM")
    func platformArgs() throws {
        let file = try Dockerfile.parse(
            "FROM --platform=$BUILDPLATFORM golang AS b\nFROM alpine\nARG TARGETARCH\nRUN x\n")
        let resolved = try file.resolve()
        #expect(resolved[0].platform == Dockerfile.defaultPlatform)
        #expect(resolved[1].steps[0].words == ["TARGETARCH=" + Dockerfile.platformArguments()["TARGETARCH"]!])
    }

    @Test("expansion errors are located")
    func expansionError() throws {
        let file = try Dockerfile.parse("FROM a\nWORKDIR ${DIR:?set DIR}\n")
        #expect(
            throws: DockerfileError.expansion(
                word: "${DIR:?set DIR}", message: "DIR: set DIR", at: file.stages[0].instructions[0].range)
        ) {
            try file.resolve()
        }
    }

    @Test("stage references by name (case-insensitive) or index")
    func stageReferences() throws {
        let file = try Dockerfile.parse(
            """
            FROM golang AS Build
            RUN go build
            FROM alpine AS tools
            FROM build AS again
            FROM scratch
            COPY --from=BUILD /out /a
            COPY --from=1 /t /t
            COPY --from=nginx:latest /etc/nginx /n
            RUN --mount=type=bind,from=again,target=/x true
            """)
        #expect(file.stageIndex(forReference: "BUILD") == 0)
        #expect(file.stageIndex(forReference: "1") == 1)
        #expect(file.stageIndex(forReference: "nginx:latest") == nil)
        #expect(file.stageIndex(forReference: "again", before: 2) == nil)
        let resolved = try file.resolve()
        #expect(resolved[2].baseStageIndex == 0)
        #expect(resolved[3].steps.map(\.stageDependencies) == [[0], [1], [], [2]])
        #expect(try file.requiredStages() == [0, 1, 2, 3])
        #expect(try file.requiredStages(target: "tools") == [1])
        #expect(try file.requiredStages(target: "again") == [0, 2])
    }
}

/// Unterminated quotes are rejected where BuildKit rejects them: when the words are expanded.
struct UnterminatedQuoteTests {
    @Test(arguments: ["COPY \"a b /x", "ENV A=\"x", "WORKDIR '/app", "LABEL a='b"])
    func unterminatedQuote(line: String) throws {
        let file = try Dockerfile.parse("FROM a\n" + line + "\n")
        do {
            _ = try file.resolve()
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("unexpected end of statement while looking for matching"))
            #expect(error.location?.start.line == 2)
        }
    }
}

/// The final stage's base image, as the grader and the class's workers read it: ARGs expanded, aliases
/// followed, scratch as written.
struct FinalBaseImageTests {
    @Test(
        arguments: [
            ("FROM python:3.11-slim\nCOPY . .\n", "python:3.11-slim"),
            ("ARG BASE=debian:bookworm-slim\nFROM $BASE\n", "debian:bookworm-slim"),
            ("FROM golang:1.19 AS build\nRUN go build\nFROM scratch\nCOPY --from=build /app /app\n", "scratch"),
            ("FROM python:3.11-slim AS base\nRUN pip install x\nFROM base AS final\nCOPY . .\n", "python:3.11-slim"),
            ("FROM python:3.11 AS one\nFROM one AS two\nFROM two\n", "python:3.11"),
            ("FROM $UNSET_BASE_IMAGE\n", nil),
        ] as [(String, String?)])
    func finalBase(_ text: String, _ base: String?) throws {
        #expect(try Dockerfile.parse(text).finalBaseImage() == base, "\(text)")
    }
}
