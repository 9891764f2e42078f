import Bench
import Context
import Foundation
import Image
import Scan

/// Measured on the engine: the built image runs (no network) and its program prints the app's line, exactly.
///
/// What the learner's files print is not trusted alone: the run uses the image's own entrypoint (or, with
/// `command`, replaces the entrypoint itself, so an ENTRYPOINT cannot decide what runs), the expected text
/// must be a whole line of the output, and the engine's record of the container's PID 1 (its path and
/// arguments, from `docker inspect`) must name the starter's program: a file of the image byte-equal to the
/// protected starter file, run by the named interpreter, or a Go binary whose embedded build info names the
/// starter's main package. An `echo` in CMD, an edited app or a fake binary fails, naming what ran.
struct ImageRunsCheck: ExerciseCheck {
    /// Entrypoint and arguments that replace the image's (empty: the image's own ENTRYPOINT and CMD).
    let command: [String]
    /// A regular expression a whole line of the output must match (anchored at both ends).
    let expect: String
    /// The program PID 1 must run: a starter file (`app.py`) or an artefact's digest (`sha256:...`), found in
    /// the image byte for byte among the files PID 1's arguments name.
    var program: String? = nil
    /// A fresh value the app must answer with, so a canned answer fails: `count` appends a random number of
    /// arguments (the app reports how many), `word` appends one random word (the app greets it); `{nonce}` in
    /// `expect` stands for it.
    var nonce: Nonce? = nil

    enum Nonce: String, Sendable {
        case count, word
    }
    /// The interpreter PID 1 must be (`python` matches python, python3, python3.11).
    var interpreter: String? = nil
    /// For compiled programs: the main package path PID 1's Go binary must embed (`example.com/hello`).
    var goPackage: String? = nil
    let id = "image-runs"
    var title: String {
        "the image runs the app and it answers \(expect.replacingOccurrences(of: "\\", with: "").debugDescription)"
    }
    let needsEngine = true
    var evidence: String {
        "the container's output, the engine's record of its PID 1 (docker inspect), the image's files, and a fresh value where the app echoes one"
    }

    /// What the engine says the container ran as PID 1.
    struct Launched: Decodable {
        struct Config: Decodable {
            var WorkingDir: String?
            var Env: [String]?
        }
        var Path: String
        var Args: [String]
        var Config: Config
    }

    func run(_ context: CheckContext) -> CheckResult {
        if let failure = unbuilt(context) { return failure }
        context.progress("running the image ...")
        let container = "gym-run-\(UUID().uuidString.prefix(12).lowercased())"
        var arguments = [
            "timeout", "120", "docker", "run", "--name", container, "--network=none", "--label",
            BuildRequest.createdByLabel,
        ]
        var expect = self.expect
        if let entrypoint = command.first {
            arguments += ["--entrypoint", entrypoint, context.imageReference] + command.dropFirst()
        } else if let nonce {
            // the image's own command, as its config says, with the fresh value after it
            guard let argv = Self.imageCommand(context.imageReference), !argv.isEmpty else {
                return result(false, "the image has no ENTRYPOINT or CMD to run")
            }
            let (extra, token) = Self.fresh(nonce)
            expect = expect.replacingOccurrences(of: "{nonce}", with: token)
            var command = argv
            if ["/bin/sh", "sh", "/bin/bash", "bash"].contains(command[0]), command.count == 3, command[1] == "-c" {
                command[2] += " " + extra.joined(separator: " ")
            } else {
                command += extra
            }
            arguments += ["--entrypoint", command[0], context.imageReference] + command.dropFirst()
        } else {
            arguments.append(context.imageReference)
        }
        defer { _ = try? ProcessRunner.run(["docker", "rm", "-f", container]) }
        guard let outcome = try? ProcessRunner.run(arguments) else {
            return result(false, "docker run could not start")
        }
        let output = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = output.count > 300 ? String(output.suffix(300)) : output
        let lines = output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let pattern = try? NSRegularExpression(pattern: "^(?:" + expect + ")$")
        let answered = lines.contains { line in
            pattern?.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
        }
        guard outcome.status == 0, answered else {
            return result(
                false, "exit \(outcome.status), printed \(shown.debugDescription)",
                advice: "the app must still work and print a whole line matching \(expect.debugDescription):"
                    + " what does it need at run time that the image lacks?")
        }
        var measured = "exit 0, printed \(shown.debugDescription)"
        guard program != nil || interpreter != nil || goPackage != nil else { return result(true, measured) }
        guard let inspected = try? ProcessRunner.run(["docker", "container", "inspect", container]),
            inspected.status == 0,
            let launched = try? JSONDecoder().decode([Launched].self, from: Data(inspected.output.utf8)).first
        else {
            return result(false, measured + "; the engine did not say what the container ran")
        }
        switch identify(launched, context) {
        case .success(let evidence):
            measured += "; PID 1 (from the engine): \(evidence)"
            return result(true, measured)
        case .failure(let problem):
            return result(
                false, measured + "; but PID 1 (from the engine) \(problem.reason)",
                advice: "the image must run the starter's app itself, not something that prints its answer")
        }
    }

    struct Problem: Error {
        var reason: String
    }

    /// The image's ENTRYPOINT followed by its CMD, from its config.
    static func imageCommand(_ tag: String) -> [String]? {
        struct Config: Decodable {
            var Entrypoint: [String]?
            var Cmd: [String]?
        }
        guard
            let outcome = try? ProcessRunner.run(["docker", "image", "inspect", "--format", "{{json .Config}}", tag]),
            outcome.status == 0,
            let config = try? JSONDecoder().decode(Config.self, from: Data(outcome.output.utf8))
        else { return nil }
        return (config.Entrypoint ?? []) + (config.Cmd ?? [])
    }

    /// The extra arguments and the token the answer must carry.
    static func fresh(_ nonce: Nonce) -> ([String], String) {
        switch nonce {
        case .count:
            let count = Int.random(in: 2...9)
            return ((1...count).map { "a\($0)" }, "\(count)")
        case .word:
            let word = "learner" + String((0..<6).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
            return ([word], word)
        }
    }

    /// Whether PID 1 was the starter's program, with the evidence.
    func identify(_ launched: Launched, _ context: CheckContext) -> Result<String, Problem> {
        var argv = [launched.Path] + launched.Args
        let shown = argv.joined(separator: " ").debugDescription
        let shells: Set<String> = ["sh", "bash", "dash", "ash"]
        if shells.contains(Self.basename(argv[0])), argv.count >= 3, argv[1] == "-c" {
            let script = argv[2]
            if script.contains(where: { ";&|`$()<>\n\\\"'".contains($0) }) {
                return .failure(Problem(reason: "ran a shell script, \(shown), not the app"))
            }
            argv = script.split(whereSeparator: \.isWhitespace).map(String.init)
            if argv.first == "exec" { argv.removeFirst() }
            if argv.isEmpty { return .failure(Problem(reason: "ran an empty shell command")) }
        }
        let workdir = launched.Config.WorkingDir.flatMap { $0.isEmpty ? nil : $0 } ?? "/"
        guard case .success(let (_, tree))? = context.analysis(), let image = try? context.loadedImage() else {
            return .failure(Problem(reason: "could not be checked: the image cannot be read"))
        }
        var evidence: [String] = []
        let environment = launched.Config.Env ?? []
        if let interpreter {
            let name = Self.basename(argv[0])
            guard name.hasPrefix(interpreter) else {
                return .failure(Problem(reason: "ran \(shown), not \(interpreter)"))
            }
            // the interpreter is a compiled program of the image, not a script standing in for one
            guard let binary = Self.locate(argv[0], workdir: workdir, environment: environment, tree: tree) else {
                return .failure(Problem(reason: "ran \(argv[0]), which is not a file of the image"))
            }
            var head: [UInt8] = []
            try? ImageFiles.visit(image, files: [binary], limit: 1 << 30) { _, data in head = Array(data.prefix(4)) }
            guard head == [0x7F, 0x45, 0x4C, 0x46] else {
                return .failure(
                    Problem(reason: "ran /\(binary.path) as \(name), which is a script, not a real \(interpreter)"))
            }
            // and it is a working interpreter of that language: it computes an answer from fresh values
            switch Self.interpreterAnswers(interpreter, at: "/" + binary.path, image: context.imageReference) {
            case .success(let proof): evidence.append("/\(binary.path) (\(proof))")
            case .failure(let problem): return .failure(problem)
            }
        }
        if let program {
            let named = argv.dropFirst().filter { !$0.hasPrefix("-") }.map { Self.resolve($0, in: workdir) }
            let candidates = named.compactMap { tree.resolvingLinks($0) }
            var match: String?
            if program.hasPrefix("sha256:") {
                let digest = String(program.dropFirst(7))
                try? ImageFiles.visit(image, files: candidates, limit: 64 << 20) { path, data in
                    if AppIntactCheck.digest(data) == digest { match = path }
                }
            } else {
                guard let wanted = AppIntactCheck.read(context.exercise.starter.appendingPathComponent(program)) else {
                    return .failure(Problem(reason: "could not be checked: the starter lacks \(program)"))
                }
                try? ImageFiles.visit(image, files: candidates, limit: Int64(wanted.count)) { path, data in
                    if data == wanted { match = path }
                }
            }
            guard let match else {
                return .failure(Problem(reason: "ran \(shown): no argument is the app (\(program)), byte for byte"))
            }
            evidence.append(
                "/\(match) (\(program.hasPrefix("sha256:") ? "the app built from the starter" : "the starter's \(program)"))"
            )
            // what the app's imports load is what an installer recorded, not a stub beside it
            if interpreter == "python", !program.hasPrefix("sha256:"),
                let source = AppIntactCheck.read(context.exercise.starter.appendingPathComponent(program)),
                let executable = Self.locatePath(argv[0], workdir: workdir, environment: environment, tree: tree)
            {
                let directory = match.split(separator: "/").dropLast().joined(separator: "/")
                switch PythonImports.resolve(
                    modules: PythonImports.modules(in: String(decoding: source, as: UTF8.self)),
                    interpreter: executable, image: context.imageReference, environment: environment,
                    scriptDirectory: "/" + directory, tree: tree, loaded: image)
                {
                case .success(let resolved):
                    if !resolved.isEmpty {
                        evidence.append(
                            "importing "
                                + resolved.map { "\($0.module) from /\($0.file ?? "?") (\($0.owner ?? "?"))" }
                                .joined(separator: ", "))
                    }
                case .failure(.unrunnable(let reason)):
                    return .failure(Problem(reason: "ran \(shown), but \(reason)"))
                case .failure(.unowned(let unowned)):
                    let named = unowned.map { resolution in
                        resolution.file.map {
                            "`import \(resolution.module)` loads /\($0), which no installed distribution recorded"
                        }
                            ?? "`import \(resolution.module)` finds nothing"
                    }
                    return .failure(Problem(reason: "ran \(shown), but the app's \(named.joined(separator: "; "))"))
                }
            }
        }
        if let goPackage {
            guard let file = Self.locate(argv[0], workdir: workdir, environment: launched.Config.Env ?? [], tree: tree)
            else {
                return .failure(Problem(reason: "ran \(shown), which is not a file of the image"))
            }
            let path = file.path
            var info: GoBuildInfo?
            try? ImageFiles.visit(image, files: [file], limit: 256 << 20) { _, data in info = GoBuildInfo.parse(data) }
            guard let info else {
                return .failure(Problem(reason: "ran /\(path), which is not a Go program"))
            }
            guard info.path == goPackage else {
                return .failure(
                    Problem(reason: "ran /\(path), a Go program of \(info.path ?? "no package"), not \(goPackage)"))
            }
            evidence.append("/\(path), built by \(info.goVersion) from \(goPackage)")
        }
        return .success(evidence.joined(separator: " running "))
    }

    /// A computation only a working interpreter of the language can do, on fresh values: the program, its
    /// arguments and the one line it must print. Python runs isolated (`-I -S`: no environment variables, no
    /// site hooks), Node with `NODE_OPTIONS` cleared, so nothing the learner put in the image answers for it.
    static func challenge(_ interpreter: String) -> (arguments: [String], answer: String)? {
        let first = Int.random(in: 100...999)
        let second = Int.random(in: 100...999)
        let word = String((0..<8).map { _ in "abcdefghijklmnopqrstuvwxyz".randomElement()! })
        let answer = "\(first * second + word.count) \(String(word.reversed()))"
        switch interpreter {
        case "python":
            let program =
                "import sys; a, b, w = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]; print(a * b + len(w), w[::-1])"
            return (["-I", "-S", "-c", program, "\(first)", "\(second)", word], answer)
        case "node":
            let program =
                "const [a, b, w] = process.argv.slice(1); console.log(a * b + w.length, [...w].reverse().join(''))"
            return (["-e", program, "\(first)", "\(second)", word], answer)
        default:
            return nil
        }
    }

    /// Runs the image's interpreter file on a fresh challenge: the evidence, or why it is not that interpreter.
    static func interpreterAnswers(_ interpreter: String, at path: String, image: String) -> Result<String, Problem> {
        guard let (arguments, answer) = challenge(interpreter) else { return .success("an ELF program") }
        let run =
            [
                "timeout", "120", "docker", "run", "--rm", "--network=none", "--label", BuildRequest.createdByLabel,
                "--env", "NODE_OPTIONS=", "--entrypoint", path, image,
            ] + arguments
        guard let outcome = try? ProcessRunner.run(run) else {
            return .failure(Problem(reason: "ran \(path), which could not be started again to check it"))
        }
        let printed = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard outcome.status == 0, printed == answer else {
            let shown = printed.count > 120 ? String(printed.prefix(120)) + "..." : printed
            return .failure(
                Problem(
                    reason: "ran \(path), which is not a working \(interpreter): given a fresh computation it"
                        + " printed \(shown.debugDescription) (exit \(outcome.status)), not \(answer.debugDescription)")
            )
        }
        return .success("a working \(interpreter): it computed a fresh challenge")
    }

    static func basename(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// `word` as a path of the final filesystem (relative to the root, no leading `/`).
    static func resolve(_ word: String, in workdir: String) -> String {
        ContextSelection.normalize(word.hasPrefix("/") ? word : workdir + "/" + word)
    }

    /// The file the program `name` is, as the container's PATH finds it, symlinks followed.
    static func locate(_ name: String, workdir: String, environment: [String], tree: FileTree) -> FileTree.File? {
        locatePath(name, workdir: workdir, environment: environment, tree: tree).flatMap {
            tree.resolvingLinks(resolve($0, in: "/"))
        }
    }

    /// The absolute path the container's PATH finds the program `name` at, symlinks not followed (a venv's
    /// `bin/python` is a venv because of where it is, not of what it links to).
    static func locatePath(_ name: String, workdir: String, environment: [String], tree: FileTree) -> String? {
        if name.contains("/") {
            let path = resolve(name, in: workdir)
            return tree.resolvingLinks(path) == nil ? nil : "/" + path
        }
        let path =
            environment.first { $0.hasPrefix("PATH=") }.map { String($0.dropFirst(5)) }
            ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = resolve(String(dir) + "/" + name, in: "/")
            if tree.resolvingLinks(candidate) != nil { return "/" + candidate }
        }
        return nil
    }
}
