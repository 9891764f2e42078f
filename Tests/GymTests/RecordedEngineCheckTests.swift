import Engine
import Foundation
import TestSupport
import Testing

@testable import Gym

/// Each engine-backed check's decisions, on a recording of the engine's answers: milliseconds, no engine. The
/// real-engine suites (ExerciseGradingTests: every exercise's starter, solution, gaming attempts and
/// alternatives) still prove each check on BuildKit; these pin what a check concludes from what it is told.
@Suite("Checks on a recorded engine")
struct RecordedEngineCheckTests {
    static let imageID = "sha256:" + String(repeating: "a", count: 64)

    /// BuildKit's plain progress for a four-step Python build, as dockerd 26 prints it; `installCached` says
    /// whether the pip step came from the cache.
    static func progress(installCached: Bool, failingInstall: Bool = false) -> String {
        var lines = [
            "#1 [internal] load build definition from Dockerfile", "#1 DONE 0.0s",
            "#4 [1/4] FROM docker.io/library/python:3.11-slim", "#4 DONE 0.0s",
            "#5 [2/4] COPY requirements.txt .", "#5 CACHED",
            "#6 [3/4] RUN pip install --no-cache-dir -r requirements.txt",
        ]
        if failingInstall {
            lines += [
                "#6 1.021 ERROR: Could not find a version that satisfies the requirement flask",
                "#6 ERROR: process \"/bin/sh -c pip install --no-cache-dir -r requirements.txt\" did not complete successfully: exit code: 1",
                "ERROR: failed to solve: process \"/bin/sh -c pip install\" did not complete successfully: exit code: 1",
            ]
            return lines.joined(separator: "\n")
        }
        lines += installCached ? ["#6 CACHED"] : ["#6 0.512 Collecting flask", "#6 DONE 4.2s"]
        lines += [
            "#7 [4/4] COPY . .", "#7 DONE 0.1s", "#8 exporting to image", "#8 writing image \(imageID) done",
            "#8 DONE 0.2s",
        ]
        return lines.joined(separator: "\n")
    }

    /// `docker build`: writes the image ID file as the CLI does, prints the progress, and took `seconds` (recorded).
    static func build(
        installCached: Bool = true, failingInstall: Bool = false, seconds: Double = 0
    )
        -> RecordedEngine.Answer
    {
        .on("build") { arguments in
            if let file = RecordedEngine.value(of: "--iidfile", in: arguments), !failingInstall {
                try imageID.write(toFile: file, atomically: true, encoding: .utf8)
            }
            return EngineOutput(
                status: failingInstall ? 1 : 0,
                output: progress(installCached: installCached, failingInstall: failingInstall),
                elapsedSeconds: seconds)
        }
    }

    /// A workspace holding the layer-optimization starter's files, and a check context on `engine`.
    static func context(_ engine: RecordedEngine, dockerfile: String? = nil) throws -> CheckContext {
        let exercise = try ExerciseCatalog.standard().exercise("layer-optimization")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-recorded-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: exercise.starter, to: dir)
        if let dockerfile {
            try dockerfile.write(to: dir.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        }
        return CheckContext(exercise: exercise, workspace: dir, engine: engine.engine)
    }

    static let removal = RecordedEngine.Answer.on("rm", "--force")
    static let imageRemoval = RecordedEngine.Answer.on("image", "rm", "--force")
    static let size = RecordedEngine.Answer.on("image", "inspect", "{{.Size}}", output: "52000000\n")

    // MARK: image-runs

    @Test func imageRunsPassesOnTheAnswerAndFencesTheContainer() throws {
        let engine = RecordedEngine([
            Self.build(), Self.size, Self.removal, Self.imageRemoval,
            .on("run", "--entrypoint", "python", output: "booting\nnext class: Thursday\n"),
        ])
        let check = ImageRunsCheck(command: ["python", "app.py"], expect: "next class: .*")
        let result = check.run(try Self.context(engine))
        #expect(result.passed, "\(result.measured)")
        let run = try #require(engine.commands.first { $0.first == "run" })
        #expect(RecordedEngine.value(of: "--network", in: run) == "none")
        #expect(RecordedEngine.value(of: "--label", in: run) == Engine.createdByLabel)
        let name = try #require(RecordedEngine.value(of: "--name", in: run))
        #expect(engine.commands.contains(["rm", "--force", name]), "the container is removed afterwards")
    }

    @Test(
        arguments: [
            (1, "next class: Thursday", "exit 1"), (0, "nothing useful", "printed \"nothing useful\""),
            (0, "a line with next class: Thursday inside", "printed"),
        ] as [(Int32, String, String)])
    func imageRunsFailsOnAnExitOrALineThatIsNotTheAnswer(status: Int32, output: String, reason: String) throws {
        let engine = RecordedEngine([
            Self.build(), Self.size, Self.removal, Self.imageRemoval, .on("run", status: status, output: output),
        ])
        let result = ImageRunsCheck(command: ["python", "app.py"], expect: "next class: Thursday").run(
            try Self.context(engine))
        #expect(!result.passed)
        #expect(result.measured.contains(reason), "\(result.measured)")
    }

    @Test func imageRunsFailsWhenTheEngineCannotRunIt() throws {
        let engine = RecordedEngine([Self.build(), Self.size, Self.removal, Self.imageRemoval])
        let result = ImageRunsCheck(command: ["python", "app.py"], expect: ".*").run(try Self.context(engine))
        #expect(!result.passed && result.measured.contains("docker run could not start"), "\(result.measured)")
    }

    @Test func imageRunsSendsAFreshCountAndNeedsItBack() throws {
        // the app reports how many arguments it got after app.py: an honest app echoes the fresh count
        let honest = RecordedEngine([
            Self.build(), Self.size, Self.removal, Self.imageRemoval,
            .on("image", "inspect", "{{json .Config}}", output: #"{"Entrypoint":null,"Cmd":["python","app.py"]}"#),
            .on("run") { arguments in
                let extra = arguments.drop { $0 != "app.py" }.dropFirst().count
                return EngineOutput(status: 0, output: "args: \(extra)\n")
            },
        ])
        let check = ImageRunsCheck(command: [], expect: "args: {nonce}", nonce: .count)
        #expect(check.run(try Self.context(honest)).passed)
        // a canned answer fails whenever the fresh count is not the one it prints
        let canned = RecordedEngine([
            Self.build(), Self.size, Self.removal, Self.imageRemoval,
            .on("image", "inspect", "{{json .Config}}", output: #"{"Entrypoint":["sh","-c","echo args: 1"]}"#),
            .on("run", output: "args: 1\n"),
        ])
        #expect(!check.run(try Self.context(canned)).passed)
    }

    // MARK: serves

    static let servesCheck = ServesCheck(
        port: 8080, requests: [ServesCheck.Request(path: "/?name={nonce}", body: "Hello, {nonce}!")])
    static let config = RecordedEngine.Answer.on(
        "image", "inspect", "{{json .Config}}", output: #"{"Cmd":["python","app.py"]}"#)

    /// The probe's answer for each path it was given (the last is the random one that must be refused).
    static func probe(refusedStatus: Int = 404) -> RecordedEngine.Answer {
        .on("run", "--network", "python3") { arguments in
            let paths = Array(arguments.suffix(2))
            let nonce = paths[0].replacingOccurrences(of: "/?name=", with: "")
            let answers = [
                #"{"status": 200, "body": "Hello, \#(nonce)!"}"#, #"{"status": \#(refusedStatus), "body": "no"}"#,
            ]
            return EngineOutput(status: 0, output: "[" + answers.joined(separator: ", ") + "]\n")
        }
    }

    @Test func servesPassesWhenTheAppAnswersAndRefusesARandomPath() throws {
        let engine = RecordedEngine([
            Self.build(), Self.size, Self.removal, Self.imageRemoval, Self.config, Self.probe(),
            .on("run", "--detach", output: "c0ffee\n"), .on("container", "inspect", output: "true\n"),
        ])
        let result = Self.servesCheck.run(try Self.context(engine))
        #expect(result.passed, "\(result.measured)")
        let probe = try #require(engine.commands.first { $0.contains("python3") })
        let started = try #require(engine.commands.first { $0.contains("--detach") })
        let name = try #require(RecordedEngine.value(of: "--name", in: started))
        #expect(RecordedEngine.value(of: "--network", in: probe) == "container:\(name)")
        #expect(RecordedEngine.value(of: "--network", in: started) == "none")
    }

    @Test func servesFailsWhenTheProbeCannotRun() throws {
        // the container runs, but the probe never answers: that is a failure, not a pass
        let engine = RecordedEngine([
            Self.build(), Self.size, Self.removal, Self.imageRemoval, Self.config,
            .on("run", "--network", "python3", status: 125, output: "Unable to find image 'python:3.11-slim'"),
            .on("run", "--detach", output: "c0ffee\n"), .on("container", "inspect", output: "true\n"),
        ])
        let result = Self.servesCheck.run(try Self.context(engine))
        #expect(!result.passed && result.measured.contains("the probe could not run"), "\(result.measured)")
    }

    @Test func servesFailsWhenTheContainerExits() throws {
        let engine = RecordedEngine([
            Self.build(), Self.size, Self.removal, Self.imageRemoval, Self.config,
            .on("run", "--network", "python3", status: 1, output: "cannot join the namespace"),
            .on("run", "--detach", output: "c0ffee\n"), .on("container", "inspect", output: "false\n"),
            .on("logs", output: "ModuleNotFoundError: No module named 'flask'\n"),
        ])
        let result = Self.servesCheck.run(try Self.context(engine))
        #expect(!result.passed && result.measured.contains("exited instead of serving"), "\(result.measured)")
        #expect(result.measured.contains("No module named"))
    }

    @Test func servesFailsWhenEveryPathIsAnswered() throws {
        let engine = RecordedEngine([
            Self.build(), Self.size, Self.removal, Self.imageRemoval, Self.config, Self.probe(refusedStatus: 200),
            .on("run", "--detach", output: "c0ffee\n"), .on("container", "inspect", output: "true\n"),
        ])
        let result = Self.servesCheck.run(try Self.context(engine))
        #expect(!result.passed && result.measured.contains("something answers every path"), "\(result.measured)")
    }

    // MARK: image-size

    @Test(arguments: [(52_000_000, 100.0, true), (152_000_000, 100.0, false)] as [(Int, Double, Bool)])
    func imageSizeComparesTheEnginesSize(bytes: Int, limit: Double, passes: Bool) throws {
        let engine = RecordedEngine([
            Self.build(), .on("image", "inspect", "{{.Size}}", output: "\(bytes)\n"), Self.imageRemoval,
        ])
        let result = ImageSizeCheck(maximumMegabytes: limit).run(try Self.context(engine))
        #expect(result.passed == passes, "\(result.measured)")
    }

    @Test func aBuildThatFailsFailsEveryCheckThatNeedsTheImage() throws {
        let engine = RecordedEngine([Self.build(failingInstall: true), Self.imageRemoval])
        let context = try Self.context(engine)
        for check in [ImageSizeCheck(maximumMegabytes: 100) as any ExerciseCheck, ImageWasteCheck(maximumMegabytes: 1)]
        {
            let result = check.run(context)
            #expect(!result.passed && result.measured == "the image does not build", "\(check.id)")
            #expect(
                result.advice?.contains("Could not find a version") == true || result.advice?.contains("pip") == true)
        }
    }

    // MARK: rebuilds-offline and rebuild-speedup

    @Test func rebuildsOfflineFailsWhenTheInstallNeedsTheNetworkAgain() throws {
        // the first build works; the rebuild, with downloads blocked, fails at the install
        let builds = Counter()
        let engine = RecordedEngine([
            .on("build") { arguments in
                let failing = builds.next() > 0
                if !failing, let file = RecordedEngine.value(of: "--iidfile", in: arguments) {
                    try Self.imageID.write(toFile: file, atomically: true, encoding: .utf8)
                }
                return EngineOutput(
                    status: failing ? 1 : 0, output: Self.progress(installCached: true, failingInstall: failing))
            },
            Self.size, Self.imageRemoval,
        ])
        let result = RebuildsOfflineCheck(code: "app.py").run(try Self.context(engine))
        #expect(!result.passed && result.measured.contains("needed the network"), "\(result.measured)")
        let rebuild = try #require(engine.commands.last { $0.first == "build" })
        #expect(rebuild.contains("HTTPS_PROXY=\(RebuildsOfflineCheck.closedProxy)"), "downloads are blocked")
    }

    @Test func rebuildsOfflinePassesWhenTheInstallStaysCached() throws {
        let engine = RecordedEngine([Self.build(installCached: true), Self.size, Self.imageRemoval])
        let result = RebuildsOfflineCheck(code: "app.py").run(try Self.context(engine))
        #expect(result.passed, "\(result.measured)")
    }

    /// A build from scratch (`--no-cache`): everything runs, and it took its time (a recorded 40 s, never
    /// this machine's clock: a busy test run must not decide the ratio).
    static let coldBuild = RecordedEngine.Answer.on("build", "--no-cache") { _ in
        EngineOutput(status: 0, output: progress(installCached: false), elapsedSeconds: 40)
    }

    @Test(arguments: [(true, true), (false, false)])
    func rebuildSpeedupNeedsTheRatioAndACachedInstall(installCached: Bool, passes: Bool) throws {
        // the cold build takes longer than the rebuild; a rebuild that runs the install again fails anyway
        let engine = RecordedEngine([
            Self.coldBuild, Self.build(installCached: installCached, seconds: 2), Self.size, Self.imageRemoval,
        ])
        let result = RebuildSpeedupCheck(code: "app.py", minimumRatio: 2).run(try Self.context(engine))
        #expect(result.passed == passes, "\(result.measured)")
        if !passes { #expect(result.measured.contains("installed packages again"), "\(result.measured)") }
    }

    // MARK: image-lacks and image-waste: the image's files, from a recorded `docker image save`

    static func save(layers: [[String: String]], history: [String]? = nil) -> RecordedEngine.Answer {
        .on("image", "save", "-o") { arguments in
            let file = try #require(RecordedEngine.value(of: "-o", in: arguments))
            try DockerArchiveFixture.write(layers: layers, history: history, to: file)
            return EngineOutput(status: 0, output: "")
        }
    }

    @Test func imageLacksFindsTheToolchainInTheFinalFilesystem() throws {
        let toolchain = RecordedEngine([
            Self.build(), Self.size, Self.imageRemoval,
            Self.save(layers: [["app": "binary"], ["usr/local/go/pkg/tool/linux_amd64/compile": "toolchain"]]),
        ])
        let check = ImageLacksCheck(paths: [], kinds: [.goToolchain], reason: "Go toolchain")
        let found = check.run(try Self.context(toolchain, dockerfile: "FROM scratch\nCOPY . /\n"))
        #expect(!found.passed && found.measured.contains("compile"), "\(found.measured)")
        let clean = RecordedEngine([Self.build(), Self.size, Self.imageRemoval, Self.save(layers: [["app": "binary"]])])
        let none = check.run(try Self.context(clean, dockerfile: "FROM scratch\nCOPY . /\n"))
        #expect(none.passed, "\(none.measured)")
    }

    /// A C compiler anywhere fails; a starter build input fails even when a later layer deletes it (it is
    /// still shipped in its layer) and under another name; a file of the same size but other bytes passes.
    @Test func imageLacksFindsACompilerAndAStarterFileInAnyLayer() throws {
        let exercise = try ExerciseCatalog.standard().exercise("layer-optimization")
        let app = try String(contentsOf: exercise.starter.appendingPathComponent("app.py"), encoding: .utf8)
        let lookalike = String(repeating: "#", count: app.utf8.count)
        let check = ImageLacksCheck(
            paths: [], kinds: [.cToolchain], starterFiles: ["app.py"], reason: "build tools or build inputs")
        let cases: [([[String: String]], String?)] = [
            ([["app": "binary"], ["opt/tools/gcc/x86_64-linux-gnu/12/cc1": "compiler"]], "cc1"),
            ([["srv/renamed.py": app], ["srv/.wh.renamed.py": ""]], "layer 0 holds the starter's app.py"),
            ([["srv/app.py": lookalike], ["bin/ld": "linker, not a compiler"]], nil),
        ]
        for (layers, failure) in cases {
            let engine = RecordedEngine([Self.build(), Self.size, Self.imageRemoval, Self.save(layers: layers)])
            let result = check.run(try Self.context(engine, dockerfile: "FROM scratch\nCOPY . /\n"))
            if let failure {
                #expect(!result.passed && result.measured.contains(failure), "\(result.measured)")
            } else {
                #expect(result.passed && result.measured.contains("no layer holds"), "\(result.measured)")
            }
        }
    }

    @Test func imageWasteCountsAFileALaterLayerDeletes() throws {
        let big = String(repeating: "x", count: 2_000_000)
        let engine = RecordedEngine([
            Self.build(), Self.size, Self.imageRemoval,
            Self.save(layers: [["tmp/big.bin": big, "app": "binary"], ["tmp/.wh.big.bin": ""]]),
        ])
        let result = ImageWasteCheck(maximumMegabytes: 1).run(
            try Self.context(engine, dockerfile: "FROM scratch\nCOPY . /\n"))
        #expect(!result.passed && result.measured.contains("tmp/big.bin"), "\(result.measured)")
        #expect(
            ImageWasteCheck(maximumMegabytes: 3).run(try Self.context(engine, dockerfile: "FROM scratch\nCOPY . /\n"))
                .passed)
    }

    // MARK: the base's layers, by effect

    /// The engine's diff IDs for `reference` (the built image by its ID, or a base by name).
    static func diffIDs(_ reference: String, _ layers: [String]) -> RecordedEngine.Answer {
        RecordedEngine.Answer(
            matching: { $0.contains { $0.contains(".RootFS.Layers") } && $0.last == reference },
            respond: { _ in EngineOutput(status: 0, output: layers.map { "sha256:" + $0 + "\n" }.joined()) })
    }

    /// The base's layers count only when the built image starts with all of them: a FROM that names an image
    /// the build did not start from (a longer one, another one) makes nothing count as base.
    @Test(arguments: [
        (["a", "b"], 2), (["a", "b", "c", "d"], 4), (["a", "b", "c", "d", "e"], 0), (["a", "x", "y"], 0), (["z"], 0),
    ])
    func baseLayersAreTheOnesTheImageStartsWith(base: [String], counted: Int) throws {
        let engine = RecordedEngine([
            Self.build(), Self.size, Self.imageRemoval, Self.diffIDs(Self.imageID, ["a", "b", "c", "d"]),
            Self.diffIDs("python:3.11", base),
        ])
        let context = try Self.context(engine, dockerfile: "FROM python:3.11\nCOPY . /app\n")
        let found = try #require(context.base())
        #expect(found.name == "python:3.11" && found.layers == counted)
        #expect(context.baseLayerCount() == counted)
    }

    // MARK: no-vulnerabilities: the packages in the image's layers against the real OSV records

    /// A site-packages with `requests` at `version`, its METADATA recorded in RECORD as pip writes it.
    static func requests(_ version: String) -> [String: String] {
        let folder = "requests-\(version).dist-info"
        let metadata = "Metadata-Version: 2.1\nName: requests\nVersion: \(version)\n"
        let digest = PythonMetadataIntegrity.urlSafeBase64(AppIntactCheck.rawDigest(Array(metadata.utf8)))
        let site = "usr/local/lib/python3.11/site-packages/"
        return [
            site + folder + "/METADATA": metadata, site + folder + "/INSTALLER": "pip\n",
            site + folder + "/RECORD": "\(folder)/METADATA,sha256=\(digest),\(metadata.utf8.count)\n",
            site + "requests/__init__.py": "__version__ = '\(version)'\n",
        ]
    }

    @Test(
        .enabled(if: SharedData.isAvailable, SharedData.skipMessage), arguments: [("2.25.0", false), ("2.32.3", true)])
    func noVulnerabilitiesReadsThePackagesTheBuildInstalled(version: String, passes: Bool) throws {
        let engine = RecordedEngine([
            Self.build(), Self.size, Self.imageRemoval, Self.save(layers: [["app": "binary"], Self.requests(version)]),
        ])
        let check = NoVulnerabilitiesCheck(
            minimum: .medium, under: "usr/local/lib/python3.11/site-packages", required: ["requests"])
        let result = check.run(try Self.context(engine, dockerfile: "FROM scratch\nCOPY . /\n"))
        #expect(result.passed == passes, "\(result.measured)")
        if !passes { #expect(result.measured.contains("requests 2.25.0: CVE-"), "\(result.measured)") }
    }

    @Test func noVulnerabilitiesFailsWhenTheMetadataWasEdited() throws {
        // a vulnerable release whose METADATA was rewritten to claim a fixed version: RECORD tells
        var files = Self.requests("2.32.3")
        let site = "usr/local/lib/python3.11/site-packages/requests-2.32.3.dist-info/"
        files[site + "METADATA"] = "Metadata-Version: 2.1\nName: requests\nVersion: 2.32.3\nSummary: edited\n"
        let engine = RecordedEngine([
            Self.build(), Self.size, Self.imageRemoval, Self.save(layers: [files]),
        ])
        let check = NoVulnerabilitiesCheck(
            minimum: .medium, under: "usr/local/lib/python3.11/site-packages", required: ["requests"])
        let result = check.run(try Self.context(engine, dockerfile: "FROM scratch\nCOPY . /\n"))
        #expect(
            !result.passed && result.measured.contains("METADATA differs from what its RECORD says"),
            "\(result.measured)")
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.withLock {
                defer { value += 1 }; return value
            }
        }
    }

    // MARK: dependencies-cached: which step installs, by its layer's effect

    static let version = RecordedEngine.Answer.on("version", output: "26.1.5\n")

    /// A script install (`sh install-deps.sh requirements.txt`): the text names no package manager, so only
    /// its layer can say it installs. `installed`: whether that layer added a package record.
    @Test(arguments: [true, false])
    func dependenciesCachedReadsTheInstallFromItsLayer(installed: Bool) throws {
        let run =
            installed
            ? ["usr/local/lib/python3.11/site-packages/flask-3.0.3.dist-info/METADATA": "Name: flask\n"]
            : ["tmp/install.log": "nothing to do\n"]
        let engine = RecordedEngine([
            Self.version, Self.build(), Self.size, Self.imageRemoval,
            Self.save(
                layers: [
                    ["requirements.txt": "flask\n", "install-deps.sh": "pip install -r \"$1\"\n"], run, ["app.py": "x"],
                ],
                history: [
                    "COPY requirements.txt install-deps.sh ./ # buildkit",
                    "RUN /bin/sh -c sh install-deps.sh requirements.txt # buildkit", "COPY . . # buildkit",
                ]),
        ])
        let context = try Self.context(
            engine,
            dockerfile:
                "FROM scratch\nCOPY requirements.txt install-deps.sh ./\nRUN sh install-deps.sh requirements.txt\nCOPY . .\n"
        )
        try "pip install -r \"$1\"\n".write(
            to: context.workspace.appendingPathComponent("install-deps.sh"), atomically: true, encoding: .utf8)
        let check = DependenciesCachedCheck(code: "app.py", manifest: "requirements.txt")
        let result = check.run(context)
        #expect(result.passed == installed, "\(result.measured)")
        if installed {
            #expect(result.measured.contains("line 3 stays cached"), "\(result.measured)")
        } else {
            #expect(result.advice?.contains("no step that installs packages") == true, "\(result.advice ?? "")")
        }
        // without an engine the text decides, and a script's text installs nothing it can name
        let byText = check.run(
            CheckContext(exercise: context.exercise, workspace: context.workspace, engine: RecordedEngine([]).engine))
        #expect(!byText.passed, "\(byText.measured)")
    }

    // MARK: app-intact: the starter's app, byte for byte, in the image's files

    @Test(arguments: [true, false])
    func appIntactFindsTheStartersAppInTheImage(unchanged: Bool) throws {
        let exercise = try ExerciseCatalog.standard().exercise("layer-optimization")
        let app = try String(contentsOf: exercise.starter.appendingPathComponent("app.py"), encoding: .utf8)
        let shipped = unchanged ? app : app + "\n# edited in the image\n"
        let engine = RecordedEngine([
            Self.version, Self.build(), Self.size, Self.imageRemoval,
            Self.save(layers: [["app/app.py": shipped, "app/requirements.txt": "flask\n"]]),
        ])
        let result = AppIntactCheck(protected: ["app.py"], shipped: ["app.py"], artefacts: []).run(
            try Self.context(engine))
        #expect(result.passed == unchanged, "\(result.measured)")
        #expect(
            result.measured.contains(
                unchanged ? "app.py at /app/app.py" : "no file in the image is the starter's app.py"),
            "\(result.measured)")
    }
}
