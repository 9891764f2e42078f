import Bench
import Context
import Engine
import Foundation
import Image
import Scan

/// Who a container's PID 1 is, as the engine recorded it (`docker inspect`): the starter's program, run by
/// a working interpreter of the image, or a Go binary built from the starter's package. Shared by the checks
/// that run the image (`image-runs`, `serves`); what the learner's files say about themselves is not used.
///
/// The interpreter must resolve through the container's PATH, symlinks followed, to an ELF file that
/// computes a fresh challenge only a working Python or Node can; the program argument must be the starter's
/// file byte for byte (or the built artefact's digest); a Python program's imports must load files an
/// installer recorded (`PythonImports`); a Go binary's build info must name the starter's package, and
/// its main package's code must be what the starter compiles to (`StarterGoBuild`).
struct AppProcess: Sendable {
    /// A starter file (`app.py`) or an artefact's digest (`sha256:...`) that must be among PID 1's arguments.
    var program: String? = nil
    /// The interpreter PID 1 must be (`python` matches python, python3, python3.11).
    var interpreter: String? = nil
    /// For compiled programs: the main package path PID 1's Go binary must embed (`example.com/hello`).
    var goPackage: String? = nil
    /// The toolchain image the grader compiles the starter's package with, to compare the program's code with
    /// it (`StarterGoBuild`); without it only the package's name is compared.
    var goToolchain: String? = nil

    var isEmpty: Bool { program == nil && interpreter == nil && goPackage == nil }

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

    struct Problem: Error {
        var reason: String
    }

    /// PID 1 of a container, as the engine recorded it; nil when the engine does not say.
    static func launched(_ container: String, on engine: Engine) throws(EngineError) -> Launched {
        let inspected = try engine.inspectContainer(container)
        guard let launched = try? JSONDecoder().decode([Launched].self, from: Data(inspected.utf8)).first else {
            throw .failed(
                command: "docker container inspect", status: 0,
                message: "no container record in \(inspected.prefix(200).debugDescription)")
        }
        return launched
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
        var imports: String?
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
            switch Self.interpreterAnswers(
                interpreter, at: "/" + binary.path, image: context.imageReference, engine: context.engine)
            {
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
                    interpreter: executable, image: context.imageReference, engine: context.engine,
                    environment: environment,
                    scriptDirectory: "/" + directory, tree: tree, loaded: image)
                {
                case .success(let resolved):
                    if !resolved.isEmpty {
                        imports =
                            ("; it imports "
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
            var binary: [UInt8] = []
            try? ImageFiles.visit(image, files: [file], limit: 256 << 20) { _, data in
                binary = data
                info = GoBuildInfo.parse(binary)
            }
            guard let info else {
                return .failure(Problem(reason: "ran /\(path), which is not a Go program"))
            }
            guard info.path == goPackage else {
                return .failure(
                    Problem(reason: "ran /\(path), a Go program of \(info.path ?? "no package"), not \(goPackage)"))
            }
            var built = "/\(path), built by \(info.goVersion) from \(goPackage)"
            if let goToolchain {
                let rebuild = StarterGoBuild(toolchain: goToolchain, starter: context.exercise.starter)
                switch rebuild.compare(binary, info: info, on: context.engine, progress: context.progress) {
                case .success(let proof): built += ": \(proof)"
                case .failure(let mismatch): return .failure(Problem(reason: "ran /\(path), which \(mismatch.reason)"))
                }
            }
            evidence.append(built)
        }
        return .success(evidence.joined(separator: " running ") + (imports ?? ""))
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
    static func interpreterAnswers(
        _ interpreter: String, at path: String, image: String, engine: Engine
    )
        -> Result<String, Problem>
    {
        guard let (arguments, answer) = challenge(interpreter) else { return .success("an ELF program") }
        let outcome: EngineOutput
        do {
            outcome = try run(path, arguments, in: image, on: engine, options: ["--env", "NODE_OPTIONS="])
        } catch {
            return .failure(Problem(reason: "ran \(path), which could not be started again to check it: \(error)"))
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

    /// Runs a program of the grader's choosing in a fresh container of the image: no network, gym's label,
    /// removed afterwards, bounded to two minutes. Its exit status and merged output.
    static func run(
        _ entrypoint: String, _ arguments: [String], in image: String, on engine: Engine, options: [String] = []
    ) throws(EngineError) -> EngineOutput {
        try engine.run(
            ContainerRequest(
                image: image, entrypoint: entrypoint, arguments: arguments, removeWhenDone: true, timeoutSeconds: 120,
                options: options))
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
