import Foundation
import TestSupport
import Testing

@testable import Gym

/// Every exercise's starter fails and its reference solution passes, graded on the real engine; gaming the
/// text fails and another valid solution passes.
@Suite(
    "Exercises graded on the engine", .serialized, .dockerExclusive,
    .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
struct ExerciseGradingTests {
    /// A copy of `folder` with some files replaced.
    static func workspace(from folder: URL, replacing files: [String: String] = [:]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-grade-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: folder, to: dir)
        for (name, text) in files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func grade(_ slug: String, _ dir: URL) throws -> [CheckResult] {
        Grader.check(try ExerciseCatalog.standard().exercise(slug), in: dir)
    }

    static let slugs = [
        "layer-detective", "multi-stage-migration", "jerry-fat-image", "vulnerability-scan", "layer-optimization",
        "multistage-build", "security-scanning", "image-size-challenge",
    ]

    @Test(arguments: slugs)
    func starterFailsAndSolutionPasses(slug: String) throws {
        let exercise = try ExerciseCatalog.standard().exercise(slug)
        let starter = try Self.workspace(from: exercise.starter)
        defer { try? FileManager.default.removeItem(at: starter) }
        let failing = try Self.grade(slug, starter)
        let starterPasses = failing.allSatisfy { $0.passed }
        #expect(!starterPasses, "the starter of \(slug) must fail: \(failing)")

        let solution = FileManager.default.temporaryDirectory.appendingPathComponent("gym-grade-\(UUID().uuidString)")
        try exercise.writeSolution(to: solution)
        defer { try? FileManager.default.removeItem(at: solution) }
        let passing = try Self.grade(slug, solution)
        for result in passing { #expect(result.passed, "\(slug): \(result)") }
    }

    @Test(arguments: [
        (
            "a comment and a stray COPY do not help",
            """
            FROM python:3.11-slim
            WORKDIR /app
            # copy requirements.txt first so pip install stays cached
            COPY requirements.txt .
            RUN echo "dependencies first"
            COPY . .
            RUN pip install --no-cache-dir -r requirements.txt
            CMD ["python", "app.py"]
            """, false
        ),
        (
            "a bind mount of requirements.txt is another valid way",
            """
            FROM python:3.11-slim
            WORKDIR /app
            RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \\
                pip install --no-cache-dir -r /tmp/requirements.txt
            COPY app.py .
            CMD ["python", "app.py"]
            """, true
        ),
        (
            "dropping the install fails: the app no longer runs",
            """
            FROM python:3.11-slim
            WORKDIR /app
            COPY requirements.txt .
            COPY . .
            CMD ["python", "app.py"]
            """, false
        ),
    ])
    func layerDetectiveMeasuresRatherThanReads(name: String, dockerfile: String, passes: Bool) throws {
        try measuresRatherThanReads("layer-detective", name: name, dockerfile: dockerfile, passes: passes)
    }

    func measuresRatherThanReads(_ slug: String, name: String, dockerfile: String, passes: Bool) throws {
        let exercise = try ExerciseCatalog.standard().exercise(slug)
        let dir = try Self.workspace(from: exercise.starter, replacing: ["Dockerfile": dockerfile + "\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let results = try Self.grade(slug, dir)
        let passed = results.allSatisfy { $0.passed }
        #expect(passed == passes, "\(name): \(results)")
    }

    @Test(arguments: [
        (
            "cleaning up in a later RUN still fails",
            """
            FROM python:3.11-slim
            WORKDIR /app
            COPY . .
            # everything in one layer, promise: the data is deleted right below
            RUN head -c 150000000 /dev/urandom > /tmp/training-data.bin && python prepare.py /tmp/training-data.bin /app/model.bin
            RUN rm -f /tmp/training-data.bin && chmod 444 /app/model.bin
            CMD ["python", "serve.py"]
            """, false
        ),
        (
            "a build stage that keeps only the model is another valid way",
            """
            FROM python:3.11-slim AS distil
            WORKDIR /work
            COPY prepare.py .
            RUN head -c 150000000 /dev/urandom > data.bin && python prepare.py data.bin model.bin

            FROM python:3.11-slim
            WORKDIR /app
            COPY --from=distil --chmod=444 /work/model.bin /app/model.bin
            COPY serve.py .
            CMD ["python", "serve.py"]
            """, true
        ),
    ])
    func jerryMeasuresRatherThanReads(name: String, dockerfile: String, passes: Bool) throws {
        try measuresRatherThanReads("jerry-fat-image", name: name, dockerfile: dockerfile, passes: passes)
    }

    @Test(arguments: [
        (
            "a second stage that is the toolchain again fails",
            """
            FROM golang:1.19 AS build
            WORKDIR /src
            COPY . .
            RUN go build -o /usr/local/bin/hello .

            FROM golang:1.19
            COPY --from=build /usr/local/bin/hello /usr/local/bin/hello
            CMD ["hello"]
            """, false
        ),
        (
            "building straight into an empty stage with a bind mount is another valid way",
            """
            FROM golang:1.19 AS build
            WORKDIR /src
            RUN --mount=type=bind,target=/src CGO_ENABLED=0 go build -o /hello .

            FROM scratch
            COPY --from=build /hello /usr/bin/hello
            CMD ["/usr/bin/hello"]
            """, true
        ),
    ])
    func multistageMeasuresRatherThanReads(name: String, dockerfile: String, passes: Bool) throws {
        try measuresRatherThanReads("multistage-build", name: name, dockerfile: dockerfile, passes: passes)
    }

    @Test(arguments: [
        (
            "two stages that both ship npm fail",
            """
            FROM node:18 AS builder
            WORKDIR /app
            COPY . .
            RUN npm ci && npm run build

            FROM node:18
            WORKDIR /app
            COPY --from=builder /app/dist ./dist
            CMD ["node", "dist/index.js"]
            """, false
        ),
        (
            "building with a bind mount and copying the bundle elsewhere is another valid way",
            """
            FROM node:18 AS builder
            WORKDIR /work
            RUN --mount=type=bind,target=/src,rw cd /src && npm ci && npm run build && cp -r dist /work/

            FROM node:18-slim
            COPY --from=builder /work/dist /srv/greeter
            CMD ["node", "/srv/greeter/index.js"]
            """, true
        ),
    ])
    func multiStageMigrationMeasuresRatherThanReads(name: String, dockerfile: String, passes: Bool) throws {
        try measuresRatherThanReads("multi-stage-migration", name: name, dockerfile: dockerfile, passes: passes)
    }

    @Test(arguments: [
        (
            "hiding the packages' metadata from the scanner fails",
            """
            FROM python:3.11-slim
            WORKDIR /app
            COPY requirements.txt .
            RUN pip install --no-cache-dir -r requirements.txt && rm -rf /usr/local/lib/python3*/dist-packages/*.dist-info
            COPY app.py .
            CMD ["python", "app.py"]
            """, false
        ),
        (
            "installing the latest versions, unpinned, is another valid way",
            """
            FROM python:3.11-slim
            WORKDIR /app
            RUN pip install --no-cache-dir requests urllib3 Werkzeug
            COPY app.py .
            CMD ["python", "app.py"]
            """, true
        ),
    ])
    func vulnerabilityScanMeasuresRatherThanReads(name: String, dockerfile: String, passes: Bool) throws {
        try measuresRatherThanReads("vulnerability-scan", name: name, dockerfile: dockerfile, passes: passes)
    }

    @Test(arguments: [
        (
            "a pip cache mount alone does not make the rebuild fast enough",
            """
            FROM python:3.11-slim
            WORKDIR /app
            COPY . .
            RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
            CMD ["python", "app.py"]
            """, false
        ),
        (
            "installing through a bind mount before copying the code is another valid way",
            """
            FROM python:3.11-slim
            WORKDIR /app
            RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \\
                pip install --no-cache-dir -r /tmp/requirements.txt
            COPY . .
            CMD ["python", "app.py"]
            """, true
        ),
    ])
    func layerOptimizationMeasuresRatherThanReads(name: String, dockerfile: String, passes: Bool) throws {
        try measuresRatherThanReads("layer-optimization", name: name, dockerfile: dockerfile, passes: passes)
    }
}
