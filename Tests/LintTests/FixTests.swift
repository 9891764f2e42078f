import Dockerfile
import Foundation
import Spawn
import TestSupport
import Testing

@testable import Lint

/// The repository's root, for its examples.
enum GymBinaryRoot {
    static func path(_ relative: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent(relative).path
    }
}

/// Every fix's examples are its tests; the fixer keeps only fixes that parse and remove their findings; the
/// diff applies with patch; across the corpus, no fix breaks a file and no file without a fixable finding
/// changes.
struct FixTests {
    static let fixes: [(String, any DockerfileFix)] = FixCatalog.all.map { ($0.description.id, $0) }

    @Test(arguments: fixes.map(\.0))
    func examplesRewriteExactly(id: String) throws {
        let fix = try #require(FixCatalog.all.first { $0.description.id == id })
        #expect(!fix.description.examples.isEmpty, "\(id) has no example")
        #expect(fix.description.rules.allSatisfy { RuleCatalog.rule(named: $0) != nil }, "\(id) names an unknown rule")
        for example in fix.description.examples {
            let context = try example.files.map { try BuildContextView.memory(files: $0, dockerignore: nil) }
            let outcome = try Fixer(fixes: [fix]).fix(
                source: example.before, file: "Dockerfile", buildContext: context)
            #expect(outcome.fixed == example.after, "\(id): \(example.before)")
            _ = try Dockerfile.parse(outcome.fixed)
            let left = Linter().lint(source: Array(outcome.fixed.utf8), file: "Dockerfile", buildContext: context)
                .findings.filter { fix.description.rules.contains($0.rule) }
            if example.before != example.after {
                #expect(left.isEmpty, "\(id) leaves \(left.map(\.message))")
                #expect(outcome.applied.map(\.fix) == [id])
            } else {
                #expect(outcome.applied.isEmpty)
            }
        }
    }

    @Test func allFixesTogetherKeepCommentsContinuationsAndTheRest() throws {
        let before = """
            # syntax=docker/dockerfile:1
            FROM debian:12
            MAINTAINER Ada <ada@example.org>
            # install the tools
            RUN apt-get update \\
             && apt-get install curl \\
                  wget
            CMD sh -c "echo $HOME"
            ENTRYPOINT ./run.sh --fast
            """
        let after = """
            # syntax=docker/dockerfile:1
            FROM debian:12
            LABEL maintainer="Ada <ada@example.org>"
            # install the tools
            RUN apt-get update \\
             && apt-get install --no-install-recommends -y curl \\
                  wget && rm -rf /var/lib/apt/lists/*
            # run as an unprivileged user (nobody), not root
            USER 65534:65534
            CMD sh -c "echo $HOME"
            ENTRYPOINT ["./run.sh", "--fast"]
            """
        let outcome = try Fixer().fix(source: before, file: "Dockerfile")
        #expect(outcome.fixed == after)
        #expect(
            outcome.applied.map(\.fix) == [
                "apt-get-yes", "apt-no-install-recommends", "apt-lists-removed", "maintainer-label", "exec-form",
                "non-root-user",
            ])
        // what needs a person stays, reported
        #expect(outcome.remaining.contains { $0.rule == "json-args-recommended" && $0.range.start.line == 10 })
    }

    /// Dependencies first, decided by what the build context holds.
    @Test(
        arguments: [
            // npm: the context sends node_modules, which `COPY . .` would lay over the installed one: no move
            (
                "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
                ["package.json": "{}", "package-lock.json": "{}", "node_modules/x": ""], nil, false
            ),
            // the same with node_modules ignored: moved, with the lock file
            (
                "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
                ["package.json": "{}", "package-lock.json": "{}", "node_modules/x": ""], "node_modules\n", true
            ),
            // pip: the requirements file is not in the context (the build fails today): no move
            (
                "FROM python:3.11-slim\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n", ["app.py": ""],
                nil, false
            ),
            // pip with an editable install of the project: needs the source
            (
                "FROM python:3.11-slim\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt -e .\n",
                ["requirements.txt": "", "app.py": ""], nil, false
            ),
            // go without go.sum in the context: go.mod alone
            (
                "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go mod download\n", ["go.mod": "", "main.go": ""], nil,
                true
            ),
        ] as [(String, [String: String], String?, Bool)])
    func dependenciesFirstFollowsTheContext(
        source: String, files: [String: String], ignore: String?, moves: Bool
    ) throws {
        let context = try BuildContextView.memory(files: files, dockerignore: ignore)
        let outcome = try Fixer(fixes: [DependenciesFirstFix()]).fix(
            source: source, file: "Dockerfile", buildContext: context)
        #expect(outcome.changed == moves, "\(outcome.fixed)")
        if moves {
            let lines = outcome.fixed.split(separator: "\n")
            let copyAll = try #require(lines.firstIndex(of: "COPY . ."))
            #expect(lines[copyAll - 2].hasPrefix("COPY ") && lines[copyAll - 1].hasPrefix("RUN "), "\(outcome.fixed)")
            if files["package-lock.json"] != nil {
                #expect(lines[copyAll - 2] == "COPY package.json package-lock.json ./")
            }
            if files["go.mod"] != nil { #expect(lines[copyAll - 2] == "COPY go.mod ./") }
        }
    }

    @Test func theCoursesBadPythonDockerfileBecomesTheGoodOne() throws {
        let outcome = try Fixer().fix(file: GymBinaryRoot.path("examples/python-bad/Dockerfile"))
        #expect(
            outcome.fixed == """
                # The course's anti-pattern: any code change invalidates the dependency cache.
                FROM python:3.11-slim
                WORKDIR /app
                COPY requirements.txt ./
                RUN pip install --no-cache-dir -r requirements.txt
                COPY . .
                # run as an unprivileged user (nobody), not root
                USER 65534:65534
                CMD ["python", "app.py"]

                """)
        #expect(!outcome.remaining.contains { $0.rule == "dependencies-after-source" || $0.rule == "pip-no-cache-dir" })
    }

    /// `chmod` folds into `COPY --chmod` only when the result is certain: the mode comes from the file on disk
    /// (`+x` of a 600 file is 711, as the umask leaves x alone), and a COPY whose files would end with two
    /// modes, a recursive chmod or a chmod with other commands stay as they are.
    /// Modes after `chmod`, as GNU chmod computes them for a regular file under umask 022.
    @Test(
        arguments: [
            ("755", 0o644, 0o755), ("+x", 0o644, 0o755), ("u+x,go-r", 0o644, 0o700), ("=rw", 0o755, 0o644),
            ("a=", 0o755, 0o000), ("a+X", 0o644, 0o644), ("a+X", 0o744, 0o755), ("u+s", 0o755, 0o4755),
            ("g+s", 0o755, 0o2755), ("o+s", 0o755, 0o755), ("+s", 0o755, 0o6755), ("+t", 0o755, 0o1755),
            ("u+t", 0o755, 0o755), ("u-s", 0o4755, 0o755), ("u=rx", 0o4755, 0o555), ("o=r", 0o1755, 0o1754),
            ("4750", 0o644, 0o4750),
        ] as [(String, UInt16, UInt16)])
    func chmodModesAreGNUs(change: String, before: UInt16, after: UInt16) {
        #expect(ChmodFolding.apply(change, to: before) == after)
    }

    @Test(arguments: ["u=g", "+z", "x", "u+", ""])
    func chmodModesNotUnderstoodAreLeftAlone(change: String) {
        #expect(ChmodFolding.apply(change, to: 0o644) == nil)
    }

    @Test func chmodFoldsIntoCopyOnlyWhenTheModeIsCertain() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-chmod-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, mode) in [("run.sh", 0o600), ("other.sh", 0o644)] {
            let path = directory.appendingPathComponent(name).path
            try "#!/bin/sh\n".write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        }
        let dockerfile = directory.appendingPathComponent("Dockerfile").path
        let context = try BuildContextView.read(directory: directory.path, dockerfile: dockerfile)
        let cases: [(String, String?)] = [
            ("FROM debian:12\nWORKDIR /opt\nCOPY run.sh ./\nRUN chmod +x /opt/run.sh\n", "COPY --chmod=711 run.sh ./"),
            ("FROM debian:12\nCOPY run.sh /bin/go\nRUN chmod u+x,go=r /bin/go\n", "COPY --chmod=744 run.sh /bin/go"),
            // the COPY's two files would end with 711 and 644
            ("FROM debian:12\nCOPY run.sh other.sh /x/\nRUN chmod +x /x/run.sh\n", nil),
            ("FROM debian:12\nCOPY run.sh /x/\nRUN chmod -R 755 /x/run.sh\n", nil),
            ("FROM debian:12\nCOPY run.sh /x/\nRUN chmod 755 /x/run.sh && /x/run.sh\n", nil),
            ("FROM debian:12\nCOPY --chmod=700 run.sh /x/\nRUN chmod 755 /x/run.sh\n", nil),
            ("FROM debian:12\nCOPY run.sh /x/\nFROM debian:12\nRUN chmod 755 /x/run.sh\n", nil),
            // X: execute only where some class already can (other.sh is 644: nothing; after u+x: everyone)
            ("FROM debian:12\nCOPY other.sh /x/\nRUN chmod a+X /x/other.sh\n", "COPY --chmod=644 other.sh /x/"),
            ("FROM debian:12\nCOPY other.sh /x/\nRUN chmod u+x,a+X /x/other.sh\n", "COPY --chmod=755 other.sh /x/"),
            // setuid and sticky bits: BuildKit's COPY --chmod drops them, so the RUN stays
            ("FROM debian:12\nCOPY run.sh /x/\nRUN chmod u+xs /x/run.sh\n", nil),
            ("FROM debian:12\nCOPY run.sh /x/\nRUN chmod +t /x/run.sh\n", nil),
        ]
        for (source, copy) in cases {
            let outcome = try Fixer(fixes: [ChmodIntoCopyFix()]).fix(
                source: source, file: dockerfile, buildContext: context)
            if let copy {
                #expect(outcome.fixed.contains(copy + "\n") && !outcome.fixed.contains("chmod "), "\(outcome.fixed)")
            } else {
                #expect(!outcome.changed, "\(source) became \(outcome.fixed)")
            }
        }
    }

    /// RUNs join only when no shell state crosses them and nothing but RUNs and comments lies between.
    @Test(
        arguments: [
            (
                "FROM debian:12\nRUN curl -o /tmp/x.tgz https://e.org/x.tgz\nRUN tar -C /opt -xzf /tmp/x.tgz\nRUN rm /tmp/x.tgz\n",
                true
            ),
            ("FROM debian:12\nRUN mkdir /build\nENV CC=clang\nRUN make -C /src O=/build\nRUN rm -rf /build\n", false),
            ("FROM debian:12\nRUN mkdir /build && export CC=clang\nRUN make O=/build\nRUN rm -rf /build\n", false),
            ("FROM debian:12\nRUN mkdir /build # scratch\nRUN rm -rf /build\n", false),
            ("FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]\nRUN mkdir /build\nRUN rm -rf /build\n", false),
            ("FROM debian:12\nCOPY build /build\nRUN make -C /build\nRUN rm -rf /build\n", false),
            // after `&&`, a `;` or `||` of a later RUN would run even when an earlier command failed
            ("FROM debian:12\nRUN mkdir /build\nRUN make O=/build; echo built\nRUN rm -rf /build\n", false),
            ("FROM debian:12\nRUN mkdir /build\nRUN make O=/build || true\nRUN rm -rf /build\n", false),
            // in the first RUN they bind before the `&&` that follows: joined
            ("FROM debian:12\nRUN mkdir /build || true\nRUN rm -rf /build\n", true),
        ] as [(String, Bool)])
    func createdAndRemovedFilesJoinOnlyWhenSafe(source: String, joins: Bool) throws {
        let outcome = try Fixer(fixes: [MergeCreateDeleteFix()]).fix(source: source, file: "Dockerfile")
        #expect(outcome.changed == joins, "\(outcome.fixed)")
        if joins {
            #expect(outcome.fixed.components(separatedBy: "RUN ").count == 2, "one RUN: \(outcome.fixed)")
            #expect(outcome.fixed.contains("\\\n    && rm "), "\(outcome.fixed)")
        }
    }

    /// `apt-get update` alone joins the install after it, and no fix removes lists a later RUN installs from:
    /// the whole catalog, on each case, leaves every install with lists to read.
    @Test(
        arguments: [
            ("FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n", true),
            ("FROM debian:12\nRUN cd /tmp && apt-get update\nRUN apt-get install -y curl\n", false),
            ("FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl; echo done\n", false),
            (
                "FROM debian:12\nRUN apt-get update\nENV DEBIAN_FRONTEND=noninteractive\nRUN apt-get install -y curl\n",
                false
            ),
            ("FROM debian:12\nRUN apt-get update\nRUN --mount=type=cache,target=/x apt-get install -y curl\n", false),
            ("FROM debian:12\nRUN apt-get update\nRUN [\"apt-get\", \"install\", \"-y\", \"curl\"]\n", false),
        ] as [(String, Bool)])
    func aptUpdateJoinsTheInstallAndListsStayForIt(source: String, joins: Bool) throws {
        let outcome = try Fixer().fix(source: source, file: "Dockerfile")
        #expect(outcome.applied.contains { $0.fix == "apt-update-with-install" } == joins, "\(outcome.fixed)")
        #expect(Self.strandedInstalls(outcome.fixed) == 0, "an install lost its lists: \(outcome.fixed)")
        if joins { #expect(outcome.fixed.components(separatedBy: "RUN ").count == 2, "\(outcome.fixed)") }
    }

    /// RUNs that read apt lists (install, upgrade) with no update of their own, after a RUN that removed them.
    static func strandedInstalls(_ source: String) -> Int {
        guard let dockerfile = try? Dockerfile.parse(source) else { return 0 }
        let context = LintContext(file: "Dockerfile", source: source, dockerfile: dockerfile)
        return dockerfile.stages.reduce(0) { count, stage in
            var listsRemoved = false
            var stranded = 0
            for step in AptLists.steps(of: stage, context) {
                let removes = step.commands.contains { command in
                    command.name == "rm" && command.arguments.contains { $0.hasPrefix("/var/lib/apt/lists") }
                }
                if AptLists.updates(step, context) {
                    listsRemoved = removes
                } else {
                    if AptLists.reads(step, context), listsRemoved { stranded += 1 }
                    if removes { listsRemoved = true }
                }
            }
            return count + stranded
        }
    }

    /// jerry-fat-image's starter: the 150 MB download, the model built from it, its removal and the chmod that
    /// stored the model twice become one RUN (two merges that share RUNs, found in successive passes).
    @Test func jerryFatImagesStarterBecomesOneRun() throws {
        let outcome = try Fixer().fix(
            file: GymBinaryRoot.path("Sources/Gym/Exercises/jerry-fat-image/starter/Dockerfile"))
        #expect(
            outcome.fixed.contains(
                """
                RUN python fetch_data.py /tmp/training-data.bin \\
                    && python prepare.py /tmp/training-data.bin /app/model.bin \\
                # clean up
                    && rm /tmp/training-data.bin \\
                # the model must not be writable by the app
                    && chmod 444 /app/model.bin

                """), "\(outcome.fixed)")
        #expect(!outcome.remaining.contains { $0.rule == "deleted-in-later-layer" })
        #expect(outcome.applied.first { $0.fix == "merge-create-delete" }?.removed.count == 2)
    }

    @Test func theEscapeCharacterDirectiveIsHonoured() throws {
        let before = "# escape=`\nFROM debian:12\nRUN apt-get update `\n && apt-get install -y curl\n"
        let after =
            "# escape=`\nFROM debian:12\nRUN apt-get update `\n && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n"
        #expect(try Fixer(fixes: [AptListsRemovedFix()]).fix(source: before, file: "Dockerfile").fixed == after)
    }

    @Test func aFileThatDoesNotParseIsAnErrorAndNothingIsRewritten() {
        #expect(throws: LintError.self) { try Fixer().fix(source: "FROM debian:12\nRUN <<EOF\nno end", file: "x") }
    }

    /// The diff applies with GNU patch to give exactly the fixed text, newline at the end of the file or not.
    @Test(arguments: [true, false])
    func theDiffAppliesWithPatch(finalNewline: Bool) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source =
            "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD python app.py"
            + (finalNewline ? "\n" : "")
        try source.write(to: directory.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        let outcome = try Fixer().fix(source: source, file: "Dockerfile")
        let diff = FixReporter.diff(outcome)
        #expect(diff.contains("\\ No newline at end of file") == !finalNewline)
        try diff.write(to: directory.appendingPathComponent("fix.diff"), atomically: true, encoding: .utf8)
        let patched = try Subprocess.run(["sh", "-c", "cd '\(directory.path)' && patch -s -p0 < fix.diff"])
        #expect(patched.succeeded, "\(String(decoding: patched.stdout + patched.stderr, as: UTF8.self))")
        #expect(
            try String(contentsOf: directory.appendingPathComponent("Dockerfile"), encoding: .utf8) == outcome.fixed)
    }

    @Test func writeKeepsABackupAndNeverOverwritesAChangedFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("Dockerfile").path
        let original = "FROM python:3.11-slim\nRUN pip install flask\n"
        try original.write(toFile: file, atomically: true, encoding: .utf8)
        let outcome = try Fixer().fix(file: file)
        // someone saves the file between the read and the write: nothing is written
        try (original + "# edited\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: LintError.changedSinceRead(path: file)) { try Fixer.write(outcome) }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == original + "# edited\n")
        #expect(!FileManager.default.fileExists(atPath: file + ".bak"))
        // unchanged since the read: written, the original kept
        let again = try Fixer().fix(file: file)
        try Fixer.write(again)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == again.fixed)
        #expect(try String(contentsOfFile: file + ".bak", encoding: .utf8) == original + "# edited\n")
        #expect(again.fixed.contains("pip install --no-cache-dir flask"))
    }

    /// All 899 corpus files: every file that parses still parses after gym fix, the findings each applied fix
    /// targets are gone, and a file with no finding a fix targets comes back byte for byte.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func acrossTheCorpusNoFixBreaksAFile() throws {
        let names = SharedData.subdirectories("corpus/dockerfiles")
        try #require(names.count == 899, "the corpus is missing")
        let fixable = Set(FixCatalog.all.flatMap(\.description.rules))
        var changed = 0
        for name in names {
            let path = SharedData.path("corpus/dockerfiles/" + name)
            let source = String(decoding: try Dockerfile.readFile(path), as: UTF8.self)
            guard (try? Dockerfile.parse(source)) != nil else { continue }
            let outcome = try Fixer().fix(source: source, file: name)
            let before = Linter().lint(source: Array(source.utf8), file: name, buildContext: nil).findings
            if !before.contains(where: { fixable.contains($0.rule) }) {
                #expect(!outcome.changed, "\(name) changed without a fixable finding")
                continue
            }
            #expect(throws: Never.self, "\(name) no longer parses") { try Dockerfile.parse(outcome.fixed) }
            #expect(
                Self.strandedInstalls(outcome.fixed) <= Self.strandedInstalls(source),
                "\(name): an apt install lost the lists it read")
            if outcome.changed { changed += 1 }
        }
        #expect(changed > 100, "only \(changed) corpus files had a fix applied")
    }
}
