import Engine
import Foundation
import Lint
import TestSupport
import Testing

@testable import Bench

/// `gym fix --verify` on the engine: the course's BAD Python Dockerfile, fixed, rebuilds after a code change
/// without reinstalling; a fix that breaks the build, or changes how the image runs, is rolled back.
/// Every build carries a label of the suite's own run, so what it leaves is found on an engine other suites
/// share.
@Suite(
    "Fix verification on the engine", .serialized, .dockerShared,
    .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
struct FixVerificationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let run = "org.containergym.test-run=\(UUID().uuidString)"
    static let engine = Engine.local.labelling(run)

    @Test func theFixedBadPythonDockerfileRebuildsWithoutReinstalling() throws {
        let example = Self.root.appendingPathComponent("examples/python-bad")
        let dockerfile = example.appendingPathComponent("Dockerfile").path
        let outcome = try Fixer().fix(file: dockerfile)
        #expect(outcome.applied.map(\.fix).contains("dependencies-first"))
        let verification = try FixVerifier.verify(
            original: outcome.original, fixed: outcome.fixed, dockerfile: dockerfile, context: example.path,
            engine: Self.engine)
        // four builds (each version, then each again after the edit), and no image of them left in the engine
        #expect(try DockerEngine.imageIDs(label: Self.run).isEmpty)
        #expect(verification.rollback == nil, "\(verification.rollback ?? "")")
        let after = try #require(verification.after)
        let before = verification.before
        #expect(before.editedFile == "app.py")
        // BAD reruns COPY and pip install after the edit; the fixed file only the COPY
        #expect(before.rebuildStepsRun == 2 && after.rebuildStepsRun == 1, "\(before) \(after)")
        // the manifest is in the image twice now (its own layer, then under COPY . .): a few bytes, no more
        let (sizeBefore, sizeAfter) = (try #require(before.sizeBytes), try #require(after.sizeBytes))
        #expect(sizeAfter <= sizeBefore + 64 * 1024, "\(sizeBefore) -> \(sizeAfter)")
        #expect(before.run.exitCode == nil && after.run.exitCode == nil, "the Flask app keeps serving in both")
        #expect(FixVerificationReporter.text(verification).contains("kept: it builds"))
    }

    /// jerry-fat-image's starter, through the whole of gym fix (the .dockerignore included): the download
    /// and the chmod-ed model stop costing their size twice, the app runs the same.
    @Test func jerryFatImagesStarterShrinksAndRunsTheSame() throws {
        let starter = Self.root.appendingPathComponent("Sources/Gym/Exercises/jerry-fat-image/starter")
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("gym-jerry-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: starter, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let dockerfile = copy.appendingPathComponent("Dockerfile").path
        let outcome = try ProjectFixer.fix(file: dockerfile)
        #expect(outcome.applied.map(\.fix).contains("merge-create-delete"))
        let verification = try FixVerifier.verify(
            original: outcome.original, fixed: outcome.fixed, dockerfile: dockerfile, context: copy.path,
            created: Dictionary(outcome.created.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.text) }) {
                a, _ in a
            }, engine: Self.engine)
        #expect(verification.rollback == nil, "\(verification.rollback ?? "")")
        let after = try #require(verification.after)
        let (sizeBefore, sizeAfter) = (try #require(verification.before.sizeBytes), try #require(after.sizeBytes))
        // the 150 MB download and the model's second copy are gone
        #expect(sizeAfter + 150_000_000 < sizeBefore, "\(sizeBefore) -> \(sizeAfter)")
        #expect(after.wastedBytes * 10 < verification.before.wastedBytes)
        #expect(after.run.exitCode == 0 && after.run.matches(verification.before.run))
        #expect((after.rebuildStepsRun ?? 99) <= (verification.before.rebuildStepsRun ?? 0))
    }

    @Test func aFixThatBreaksTheBuildOrTheRunIsRolledBack() throws {
        let context = try GymBinary.scratch(["Dockerfile": "", "run.sh": "echo hello\n"])
        defer { try? FileManager.default.removeItem(at: context) }
        let dockerfile = context.appendingPathComponent("Dockerfile").path
        let original = "FROM debian:bookworm-slim\nCOPY run.sh /\nCMD [\"sh\", \"/run.sh\"]\n"

        let broken = try FixVerifier.verify(
            original: original, fixed: original + "RUN exit 7\n", dockerfile: dockerfile, context: context.path,
            engine: Self.engine)
        #expect(broken.after == nil)
        #expect(broken.rollback?.hasPrefix("the fixed Dockerfile does not build") == true, "\(broken.rollback ?? "")")
        #expect(broken.before.run == RunOutcome(exitCode: 0, output: "hello\n"))

        let differs = try FixVerifier.verify(
            original: original, fixed: original.replacingOccurrences(of: "/run.sh\"]", with: "/nope.sh\"]"),
            dockerfile: dockerfile, context: context.path, engine: Self.engine)
        #expect(differs.after?.run.exitCode == 2)
        #expect(
            differs.rollback?.contains("behaves differently (exit 0 before, exit 2 after)") == true,
            "\(differs.rollback ?? "none") \(String(describing: differs.after?.run))")
    }

    /// A default command whose output changes from run to run (a clock): the original runs twice, its output
    /// is compared without numbers, and the fix is kept; a stable output that the fix changes is rolled back.
    @Test func anOutputThatVariesFromRunToRunIsComparedWithoutItsNumbers() throws {
        let context = try GymBinary.scratch(["Dockerfile": ""])
        defer { try? FileManager.default.removeItem(at: context) }
        let dockerfile = context.appendingPathComponent("Dockerfile").path
        let clock = "FROM debian:bookworm-slim\nCMD date +%s%N\n"
        let outcome = try Fixer().fix(source: clock, file: dockerfile)
        #expect(outcome.applied.map(\.fix).contains("exec-form"), "\(outcome.fixed)")
        let varies = try FixVerifier.verify(
            original: clock, fixed: outcome.fixed, dockerfile: dockerfile, context: context.path, engine: Self.engine)
        #expect(varies.before.run.comparison == .numbersIgnored, "\(varies.before.run)")
        #expect(varies.rollback == nil, "\(varies.rollback ?? "")")
        #expect(FixVerificationReporter.text(varies).contains("compared without them"))

        let greeting = "FROM debian:bookworm-slim\nCMD [\"echo\", \"hello\"]\n"
        let changed = try FixVerifier.verify(
            original: greeting, fixed: greeting.replacingOccurrences(of: "hello", with: "hallo"),
            dockerfile: dockerfile, context: context.path, engine: Self.engine)
        #expect(changed.before.run.comparison == .exact)
        #expect(changed.rollback == "the image's default command prints something else (exit 0 both times)")
    }

    /// One fix changes how the image runs (nobody cannot write the root-owned directory): it alone is taken
    /// back, the other fixes are verified again without it, kept and written, and the report says why.
    @Test func theFixThatChangesTheRunIsTakenBackAndTheOthersStand() throws {
        let project = try GymBinary.scratch([
            "Dockerfile":
                "FROM debian:bookworm-slim\nMAINTAINER Ada <ada@example.org>\nRUN mkdir /data && chmod 700 /data\nCMD [\"sh\", \"-c\", \"touch /data/x && echo ok\"]\n",
            ".dockerignore": "Dockerfile\n",
        ])
        defer { try? FileManager.default.removeItem(at: project) }
        let dockerfile = project.appendingPathComponent("Dockerfile").path
        let run = try ProjectFixer.run(file: dockerfile, verify: true, write: true, engine: Self.engine)
        #expect(try DockerEngine.imageIDs(label: Self.run).isEmpty)
        #expect(run.kept && run.written, "\(run.verification?.rollback ?? "")")
        let verification = try #require(run.verification)
        let withdrawn = try #require(verification.withdrawn?.first)
        #expect(withdrawn.fix == "non-root-user")
        #expect(withdrawn.reason.contains("behaves differently (exit 0 before, exit 1 after)"), "\(withdrawn.reason)")
        #expect(run.outcome.applied.map(\.fix) == ["maintainer-label"])
        let written = try String(contentsOfFile: dockerfile, encoding: .utf8)
        #expect(written.contains("LABEL maintainer=") && !written.contains("USER "), "\(written)")
        #expect(verification.after?.run.output == "ok\n")
        #expect(FixVerificationReporter.text(verification).contains("without non-root-user: with it, "))
    }

    /// `gym fix --verify --write` as one library call: the file fixed, verified, and written only because it
    /// was kept; its JSON carries the fix's report and the measurements in one object.
    @Test func aVerifiedFixIsWrittenAndReportedInOneObject() throws {
        let project = try GymBinary.scratch([
            "Dockerfile":
                "FROM debian:bookworm-slim\nWORKDIR /app\nCOPY run.sh ./\nRUN chmod 755 /app/run.sh\nCMD [\"/app/run.sh\"]\n",
            "run.sh": "#!/bin/sh\necho hello\n", ".dockerignore": "Dockerfile\n",
        ])
        defer { try? FileManager.default.removeItem(at: project) }
        let dockerfile = project.appendingPathComponent("Dockerfile").path
        let run = try ProjectFixer.run(file: dockerfile, verify: true, write: true, engine: Self.engine)
        #expect(run.kept && run.written, "\(run.verification?.rollback ?? "")")
        let written = try String(contentsOfFile: dockerfile, encoding: .utf8)
        #expect(written.contains("COPY --chmod=755 run.sh ./") && !written.contains("RUN chmod"), "\(written)")
        #expect(FileManager.default.fileExists(atPath: dockerfile + ".bak"))
        let json = try FixVerificationReporter.json(run.outcome, verification: run.verification)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in [
            "file", "changed", "applied", "created", "diff", "suggestions", "remaining", "verification", "kept",
        ] {
            #expect(object[key] != nil, "no \(key) in \(json)")
        }
        #expect(object["kept"] as? Bool == true)
    }

    /// A poetry project: the dependencies-only install before the source builds, and the image runs the same.
    @Test func aPoetryProjectInstallsItsDependenciesFirstAndRunsTheSame() throws {
        let dockerfile = Self.root.appendingPathComponent("examples/poetry-app/Dockerfile").path
        let run = try ProjectFixer.run(file: dockerfile, verify: true, write: false, engine: Self.engine)
        #expect(run.outcome.applied.map(\.fix).contains("dependencies-first"))
        #expect(
            run.outcome.fixed.contains(
                "COPY pyproject.toml ./\nRUN poetry install --no-interaction --no-root\nCOPY . .\n"))
        let verification = try #require(run.verification)
        #expect(verification.rollback == nil, "\(verification.rollback ?? "")")
        let after = try #require(verification.after)
        #expect(after.run.exitCode == 0 && after.run.matches(verification.before.run), "\(after.run)")
        #expect(!run.written)
    }

    /// A copy of `source` in a scratch directory, with `dockerfile` as its Dockerfile when given.
    static func project(_ source: URL, dockerfile: String? = nil) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-fix-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: directory)
        if let dockerfile {
            try dockerfile.write(to: directory.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// The working directory spelled out as the destination (`COPY . /srv` after `WORKDIR /srv`): the
    /// manifest and the install go before the source, and a code change no longer reinstalls.
    @Test func aSourceCopiedToTheWorkdirByNameInstallsFirstAndRunsTheSame() throws {
        let project = try Self.project(
            Self.root.appendingPathComponent("examples/python-bad"),
            dockerfile:
                "FROM python:3.11-slim\nWORKDIR /srv\nCOPY . /srv\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"
        )
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try ProjectFixer.run(
            file: project.appendingPathComponent("Dockerfile").path, verify: true, write: false, engine: Self.engine)
        #expect(run.outcome.applied.map(\.fix).contains("dependencies-first"))
        #expect(run.outcome.fixed.contains("COPY requirements.txt ./\nRUN pip install"), "\(run.outcome.fixed)")
        let verification = try #require(run.verification)
        #expect(verification.rollback == nil, "\(verification.rollback ?? "")")
        let after = try #require(verification.after)
        #expect(verification.before.rebuildStepsRun == 2 && after.rebuildStepsRun == 1, "\(verification)")
        #expect(after.run.exitCode == nil && after.run.matches(verification.before.run), "\(after.run)")
    }

    /// A Go build with no module download at all: `COPY go.mod ./` and `RUN go mod download` go before the
    /// source (no go.sum: the module has no dependencies), and the program runs the same.
    @Test func aGoBuildWithoutADownloadStepGetsOneAndRunsTheSame() throws {
        let project = try Self.project(
            Self.root.appendingPathComponent("Sources/Gym/Exercises/multistage-build/starter"))
        defer { try? FileManager.default.removeItem(at: project) }
        let run = try ProjectFixer.run(
            file: project.appendingPathComponent("Dockerfile").path, verify: true, write: false, engine: Self.engine)
        #expect(run.outcome.applied.map(\.fix).contains("dependencies-first"))
        #expect(
            run.outcome.fixed.contains("COPY go.mod ./\nRUN go mod download\nCOPY . .\n"), "\(run.outcome.fixed)")
        let verification = try #require(run.verification)
        #expect(verification.rollback == nil, "\(verification.rollback ?? "")")
        let after = try #require(verification.after)
        #expect(after.run.matches(verification.before.run), "\(after.run)")
    }
}
