import Dockerfile

/// The course's first lesson as a rewrite: the dependency manifests copied and installed before the source,
/// so a code change no longer reinstalls every dependency.
public struct DependenciesFirstFix: DockerfileFix {
    public init() {}
    public let description = FixDescription(
        id: "dependencies-first", title: "copy the manifests and install before copying the source",
        rules: ["dependencies-after-source"],
        rationale: """
            `COPY . .` then an install: any edit misses the cache from the COPY on, install included. The install \
            moves above the COPY, after a COPY of only the manifests it reads, and the image ends with the same \
            files. Rewritten only when that is certain: the RUN right after `COPY . .` (destination `.`) is \
            nothing but installs of one ecosystem that read only their manifests (pip -r files, npm ci/install, \
            go mod download, bundle install), the manifests are in the build context, and (npm) the context sends \
            no node_modules the later COPY could lay over the installed one. Poetry and uv install the project \
            itself too, so their install stays after the source and a dependencies-only copy of it (`poetry \
            install --no-root`, `uv sync --no-install-project`, reading pyproject.toml and the lock) goes before; \
            only for one plain command with known options (not a uv workspace's `--package` or `--directory`). \
            Cargo: `cargo fetch` downloads the crates before the source (with a stand-in src/main.rs, removed in \
            the same RUN), `cargo build` stays after it and no longer downloads; only for one package whose \
            targets cargo finds by itself (no workspace, no target or build-script paths), nothing copied before \
            it in the stage. Compiling the dependencies first would need a stand-in build whose fingerprints can \
            outlive it, so the rewrite stops at the download.
            """,
        examples: [
            FixExample(
                "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
                "FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n"
            ),
            FixExample(
                "FROM golang:1.22\nWORKDIR /src\nCOPY --chown=1000 . .\nRUN go mod download\nRUN go build -o /app\n",
                "FROM golang:1.22\nWORKDIR /src\nCOPY --chown=1000 go.mod go.sum ./\nRUN go mod download\nCOPY --chown=1000 . .\nRUN go build -o /app\n"
            ),
            // poetry and uv install the project too: its dependencies first, the project after the source
            FixExample(
                "FROM python:3.11-slim\nWORKDIR /app\nRUN pip install --no-cache-dir poetry\nCOPY . .\nRUN poetry install --no-interaction\n",
                "FROM python:3.11-slim\nWORKDIR /app\nRUN pip install --no-cache-dir poetry\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-interaction --no-root\nCOPY . .\nRUN poetry install --no-interaction\n"
            ),
            FixExample(
                "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen\n",
                "FROM python:3.12-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-install-project\nCOPY . .\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen\n"
            ),
            // already dependencies-only: the install moves as it is
            FixExample(
                "FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN poetry install --no-root\n",
                "FROM python:3.11-slim\nWORKDIR /app\nCOPY pyproject.toml poetry.lock ./\nRUN poetry install --no-root\nCOPY . .\n"
            ),
            // a uv workspace: its members are projects the lock installs, nothing moves
            FixExample(
                "FROM python:3.12-slim\nCOPY . .\nRUN uv sync --frozen\n",
                "FROM python:3.12-slim\nCOPY . .\nRUN uv sync --frozen\n",
                files: [
                    "pyproject.toml": "[project]\nname = \"app\"\n\n[tool.uv.workspace]\nmembers = [\"packages/*\"]\n",
                    "uv.lock": "version = 1\n",
                ]),
            // cargo: the crates are downloaded before the source, compiled with it
            FixExample(
                "FROM rust:1.77\nWORKDIR /src\nCOPY . .\nRUN cargo build --release --locked\n",
                "FROM rust:1.77\nWORKDIR /src\nCOPY Cargo.toml Cargo.lock ./\nRUN mkdir -p src && touch src/main.rs && cargo fetch --locked && rm -rf src\nCOPY . .\nRUN cargo build --release --locked\n",
                files: [
                    "Cargo.toml":
                        "[package]\nname = \"hello\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nserde = \"1\"\n",
                    "Cargo.lock": "version = 3\n", "src/main.rs": "fn main() {}\n",
                ]),
            // a cargo workspace: its members are needed to read it, nothing moves
            FixExample(
                "FROM rust:1.77\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n",
                "FROM rust:1.77\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n",
                files: ["Cargo.toml": "[workspace]\nmembers = [\"app\"]\n", "app/src/main.rs": "fn main() {}\n"]),
            // an option naming another directory: nothing moves
            FixExample(
                "FROM python:3.11-slim\nCOPY . .\nRUN uv sync --directory=sub\n",
                "FROM python:3.11-slim\nCOPY . .\nRUN uv sync --directory=sub\n"),
            // the install also builds the package itself: it needs the source, nothing moves
            FixExample(
                "FROM python:3.11-slim\nCOPY . .\nRUN pip install --no-cache-dir .\n",
                "FROM python:3.11-slim\nCOPY . .\nRUN pip install --no-cache-dir .\n"),
            // the working directory spelled out as the destination
            FixExample(
                "FROM python:3.11-slim\nWORKDIR /srv\nCOPY . /srv\nRUN pip install --no-cache-dir -r requirements.txt\n",
                "FROM python:3.11-slim\nWORKDIR /srv\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . /srv\n"
            ),
            // another directory than the working one: nothing moves
            FixExample(
                "FROM python:3.11-slim\nWORKDIR /srv\nCOPY . /opt/app\nRUN pip install -r /opt/app/requirements.txt\n",
                "FROM python:3.11-slim\nWORKDIR /srv\nCOPY . /opt/app\nRUN pip install -r /opt/app/requirements.txt\n"
            ),
            // a Go build that downloads its modules itself: the download moves before the source
            FixExample(
                "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n",
                "FROM golang:1.22\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n"
            ),
            // the RUN does more than install: nothing moves
            FixExample(
                "FROM golang:1.22\nCOPY . .\nRUN go mod download && go build -o /app\n",
                "FROM golang:1.22\nCOPY . .\nRUN go mod download && go build -o /app\n"),
        ])

    public func edits(_ context: LintContext, findings: [Finding]) -> [TextEdit] {
        var edits: [TextEdit] = []
        for stage in context.dockerfile.stages {
            for (index, instruction) in stage.instructions.enumerated() {
                guard case .copy(let copy) = instruction,
                    findings.contains(where: { $0.range.start.line == copy.node.range.start.line }),
                    index + 1 < stage.instructions.count, case .run(let run) = stage.instructions[index + 1],
                    let step = context.runs.first(where: { $0.run.node.range == run.node.range }),
                    let plan = plan(copy, step, context)
                else { continue }
                let manifests = plan.manifests
                let copyLine = copy.node.range.start.line
                let (first, last) = (run.node.range.start.line, run.node.range.end.line)
                guard last <= context.lines.count else { continue }
                let flags = copy.node.flags.map { $0 + " " }.joined()
                let keyword = context.lines[copyLine - 1].unicodeScalars.dropFirst(copy.node.range.start.column - 1)
                    .prefix { $0 != " " && $0 != "\t" }
                let moved = plan.replacing ?? context.lines[(first - 1)..<last].joined(separator: "\n") + plan.appending
                let indent = String(context.lines[copyLine - 1].prefix { $0 == " " || $0 == "\t" })
                edits.append(
                    .insert(
                        indent + String(String.UnicodeScalarView(keyword)) + " " + flags
                            + manifests.joined(separator: " ") + " ./\n" + moved + "\n",
                        at: SourcePosition(line: copyLine, column: 1)))
                // a project installer installs the dependencies first and the project after the source
                if plan.keepsInstall { continue }
                let end =
                    last < context.lines.count
                    ? SourcePosition(line: last + 1, column: 1)
                    : SourcePosition(line: last, column: context.lines[last - 1].unicodeScalars.count + 1)
                edits.append(TextEdit(start: SourcePosition(line: first, column: 1), end: end, text: ""))
            }
        }
        return edits
    }

    /// What the rewrite does: the manifests copied first; the install moved above the source, or (a project
    /// installer) a dependencies-only copy of it there with `appending` added and the original kept after.
    struct Plan {
        var manifests: [String]
        var appending = ""
        /// The RUN that goes before the source instead of a copy of the install (cargo's fetch).
        var replacing: String? = nil
        var keepsInstall: Bool { !appending.isEmpty || replacing != nil }
    }

    /// The rewrite, nil when it is not certain to keep the build's meaning.
    func plan(_ copy: CopyInstruction, _ step: LintContext.RunStep, _ context: LintContext) -> Plan? {
        if let manifests = manifests(copy, step, context) { return Plan(manifests: manifests) }
        return projectInstallerPlan(copy, step, context) ?? cargoPlan(copy, step, context)
            ?? goBuildPlan(copy, step, context)
    }

    /// Whether a COPY lands in the stage's working directory: `.`, or the WORKDIR spelled out (`WORKDIR /srv`
    /// then `COPY . /srv`).
    static func copiesIntoWorkdir(_ copy: CopyInstruction, _ stage: Stage) -> Bool {
        let destination = copy.files.destination
        if [".", "./"].contains(destination) { return true }
        guard destination.hasPrefix("/"), !destination.includes("$") else { return false }
        var workdir = "/"
        for instruction in stage.instructions {
            if instruction.node.range == copy.node.range { break }
            guard case .workdir(let set) = instruction else { continue }
            if set.path.includes("$") { return false }
            workdir = set.path.hasPrefix("/") ? set.path : (workdir == "/" ? "" : workdir) + "/" + set.path
        }
        func trimmed(_ path: String) -> String {
            var path = path
            while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            return path
        }
        return trimmed(destination) == trimmed(workdir)
    }

    /// A Go build with no module download of its own (`COPY . .` then `RUN go build ...`): the download moves
    /// before the source (`go mod download` against go.mod and go.sum), the build stays after it and no longer
    /// downloads. Only for one plain `go build` with no cache mount (the download would land in the layer the
    /// mount hides), no vendoring (`-mod=vendor`, a vendor directory, GOFLAGS set in the stage).
    func goBuildPlan(_ copy: CopyInstruction, _ step: LintContext.RunStep, _ context: LintContext) -> Plan? {
        guard copy.from == nil, !copy.parents, copy.excludes.isEmpty, copy.files.inlineFiles.isEmpty,
            copy.files.sources.map({ $0 == "./" ? "." : $0 }) == ["."], Self.copiesIntoWorkdir(copy, step.stage),
            !step.run.node.isJSON, step.run.heredocs.isEmpty, step.run.mounts.isEmpty,
            step.commands.count == 1, let command = step.commands.first, command.name == "go",
            command.arguments.first == "build", !command.arguments.contains(where: { $0.hasPrefix("-mod") }),
            !["#", "&&", ";", "|"].contains(where: step.run.node.original.contains),
            !step.stage.instructions.contains(where: { $0.keyword == "ENV" && $0.node.original.includes("GOFLAGS") })
        else { return nil }
        let build = context.buildContext
        if let build, !build.sends("go.mod") || build.sends("vendor") { return nil }
        let sum = build.map { $0.sends("go.sum") } ?? true
        return Plan(manifests: ["go.mod"] + (sum ? ["go.sum"] : []), replacing: "RUN go mod download")
    }

    /// Cargo builds the crate with its dependencies: the download moves first (`cargo fetch` against the
    /// manifests, with a stand-in `src/main.rs` cargo needs to read the package, removed in the same RUN),
    /// the build stays after the source and no longer downloads. Only for a single package whose targets
    /// cargo discovers by itself: no workspace, no target or build script paths, nothing copied before in the
    /// stage (the stand-in `src` must not replace one), and the context known.
    func cargoPlan(_ copy: CopyInstruction, _ step: LintContext.RunStep, _ context: LintContext) -> Plan? {
        guard let build = context.buildContext, copy.from == nil, !copy.parents, copy.excludes.isEmpty,
            copy.files.inlineFiles.isEmpty, copy.files.sources.map({ $0 == "./" ? "." : $0 }) == ["."],
            Self.copiesIntoWorkdir(copy, step.stage), !step.run.node.isJSON, step.run.heredocs.isEmpty,
            step.run.mounts.isEmpty, step.commands.count == 1, let command = step.commands.first,
            command.name == "cargo", command.arguments.first == "build",
            !["#", "&&", ";", "|"].contains(where: step.run.node.original.contains),
            let manifest = build.manifests["Cargo.toml"],
            !["[workspace]", "path =", "path=", "build =", "build="].contains(where: manifest.contains)
        else { return nil }
        let known: Set<String> = ["--release", "--locked", "--frozen", "-q", "--quiet", "-v", "--verbose"]
        guard command.arguments.dropFirst().allSatisfy(known.contains) else { return nil }
        let earlier = step.stage.instructions.prefix { $0.node.range != copy.node.range }
        guard !earlier.contains(where: { $0.keyword == "COPY" || $0.keyword == "ADD" }) else { return nil }
        let locked = build.sends("Cargo.lock")
        let lockFlag = locked && command.arguments.contains { $0 == "--locked" || $0 == "--frozen" } ? " --locked" : ""
        return Plan(
            manifests: ["Cargo.toml"] + (locked ? ["Cargo.lock"] : []),
            replacing: "RUN mkdir -p src && touch src/main.rs && cargo fetch\(lockFlag) && rm -rf src")
    }

    /// Poetry and uv install the project itself with its dependencies, so the install cannot move above the
    /// source; each has a dependencies-only mode (`poetry install --no-root`, `uv sync --no-install-project`)
    /// that reads only pyproject.toml and the lock file. One plain command, nothing else in the RUN.
    func projectInstallerPlan(_ copy: CopyInstruction, _ step: LintContext.RunStep, _ context: LintContext) -> Plan? {
        guard copy.from == nil, !copy.parents, copy.excludes.isEmpty, copy.files.inlineFiles.isEmpty,
            copy.files.sources.map({ $0 == "./" ? "." : $0 }) == ["."], Self.copiesIntoWorkdir(copy, step.stage),
            !step.run.node.isJSON, step.run.heredocs.isEmpty, step.run.mounts.allSatisfy({ $0.type == .cache }),
            step.commands.count == 1, let command = step.commands.first,
            !step.run.node.original.includes("#"), !step.run.node.original.includes("&&"),
            !step.run.node.original.includes(";"), !step.run.node.original.includes("|")
        else { return nil }
        let (lock, dependenciesOnly): (String, String)
        switch (command.name, command.arguments.first) {
        case ("poetry", "install"): (lock, dependenciesOnly) = ("poetry.lock", "--no-root")
        case ("uv", "sync"): (lock, dependenciesOnly) = ("uv.lock", "--no-install-project")
        default: return nil
        }
        // options that name other files or projects (a workspace, --directory, extras files) need a proof
        let plain = command.arguments.dropFirst().allSatisfy { $0.hasPrefix("-") && !$0.includes("=") }
        let known: Set<String> = [
            "--no-interaction", "-n", "--no-ansi", "--only", "--without", "--with", "--sync", "--no-dev",
            "--frozen", "--locked", "--no-cache", "--compile-bytecode", "--no-editable", "--all-extras", "-q",
            "--quiet", "-v", "--verbose", "--no-root", "--no-install-project",
        ]
        guard plain, command.arguments.dropFirst().allSatisfy(known.contains) else { return nil }
        let build = context.buildContext
        if let build, !build.sends("pyproject.toml") { return nil }
        // a uv workspace's members are projects of their own the lock names: not dependencies-only
        if command.name == "uv", build?.manifests["pyproject.toml"]?.includes("[tool.uv.workspace]") ?? false {
            return nil
        }
        let manifests = ["pyproject.toml"] + (build.map { $0.sends(lock) } ?? true ? [lock] : [])
        if command.arguments.contains(dependenciesOnly) { return Plan(manifests: manifests) }
        return Plan(manifests: manifests, appending: " " + dependenciesOnly)
    }

    /// The manifests to copy first, nil when moving the install is not certain to keep the build's meaning.
    func manifests(_ copy: CopyInstruction, _ step: LintContext.RunStep, _ context: LintContext) -> [String]? {
        guard copy.from == nil, !copy.parents, copy.excludes.isEmpty, copy.files.inlineFiles.isEmpty,
            ["."].contains(copy.files.sources.map { $0 == "./" ? "." : $0 }.first ?? ""), copy.files.sources.count == 1,
            Self.copiesIntoWorkdir(copy, step.stage), !step.run.node.isJSON, step.run.heredocs.isEmpty,
            step.run.mounts.allSatisfy({ $0.type == .cache }), !step.commands.isEmpty
        else { return nil }
        let build = context.buildContext
        /// Present in the context (or the context is unknown, and the manifest is one every project has).
        func sent(_ file: String, required: Bool) -> Bool? {
            guard let build else { return required ? true : nil }
            return build.sends(file)
        }
        let commands = step.commands
        if commands.allSatisfy({ PipInvocation($0) != nil }) {
            var files: [String] = []
            for command in commands {
                // editable and local installs need the source; --target and friends may write into the workdir
                let needsSource = ["-e", "--editable", "-t", "--target", "--prefix", "--root"]
                guard let pip = PipInvocation(command), pip.isInstall,
                    !command.arguments.contains(where: { argument in
                        needsSource.contains { argument == $0 || argument.hasPrefix($0 + "=") }
                    })
                else { return nil }
                let requirements = Self.requirementFiles(command.arguments)
                let upgradesPip = pip.packages == ["pip"] && requirements.isEmpty
                guard upgradesPip || (!requirements.isEmpty && pip.packages.isEmpty) else { return nil }
                files += requirements
            }
            guard !files.isEmpty, files.allSatisfy(Self.isPlainRelativeFile),
                files.allSatisfy({ sent($0, required: true) == true })
            else { return nil }
            return Array(Set(files)).sorted()
        }
        if commands.allSatisfy({ $0.name == "npm" }) {
            guard let build, !build.sends("node_modules"), build.sends("package.json"),
                commands.allSatisfy({ command in
                    ["ci", "install", "i"].contains(command.arguments.first(where: { !$0.hasPrefix("-") }) ?? "")
                        && command.operands(after: ["ci", "install", "i"]).isEmpty
                })
            else { return nil }
            return ["package.json"] + (build.sends("package-lock.json") ? ["package-lock.json"] : [])
        }
        if commands.allSatisfy({ $0.name == "go" }) {
            guard commands.allSatisfy({ $0.arguments.prefix(2) == ["mod", "download"] && $0.arguments.count == 2 }),
                sent("go.mod", required: true) == true
            else { return nil }
            return ["go.mod"] + (sent("go.sum", required: true) == true ? ["go.sum"] : [])
        }
        if commands.allSatisfy({ $0.name == "bundle" }) {
            guard commands.allSatisfy({ $0.arguments == ["install"] }), sent("Gemfile", required: true) == true,
                !step.stage.instructions.contains(where: { $0.keyword == "ENV" && $0.node.original.includes("BUNDLE_") }
                )
            else { return nil }
            return ["Gemfile"] + (sent("Gemfile.lock", required: true) == true ? ["Gemfile.lock"] : [])
        }
        return nil
    }

    /// The files pip reads: after `-r`/`--requirement` and `-c`/`--constraint` (also as `-rFILE`, `--requirement=FILE`).
    static func requirementFiles(_ arguments: [String]) -> [String] {
        var files: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if ["-r", "--requirement", "-c", "--constraint"].contains(argument), index + 1 < arguments.count {
                files.append(arguments[index + 1])
                index += 2
                continue
            }
            if let long = ["--requirement=", "--constraint="].first(where: argument.hasPrefix) {
                files.append(String(argument.dropFirst(long.count)))
            } else if !argument.hasPrefix("--"), let short = ["-r", "-c"].first(where: argument.hasPrefix) {
                files.append(String(argument.dropFirst(short.count)))
            }
            index += 1
        }
        return files.filter { !$0.isEmpty }
    }

    /// A file at the context's root or below it, named without variables, globs or `..`.
    static func isPlainRelativeFile(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.includes("$") && !path.includes("*") && !path.includes("?")
            && !path.split(separator: "/").contains("..") && !path.contains("/")
    }
}
