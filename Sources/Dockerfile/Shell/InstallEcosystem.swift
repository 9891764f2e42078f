/// A package installer, recognised by the words of a RUN line: the one text-based answer to "does this step
/// install packages?" that lint (`dependencies-after-source`), `gym cache` and the gym's checks share. Where
/// a built image exists, the gym decides by effect instead (the step's layer adds packages); this guess is
/// for where none does.
public struct InstallEcosystem: Sendable {
    public var name: String
    /// The manifests the install reads, as a finding names them (empty for system packages).
    public var manifests: String
    /// The step as a finding names it (`the pip install`, `the Go module download (go mod download or go build)`).
    public var step: String
    /// Whether a command installs packages of this ecosystem.
    public var installs: @Sendable (ShellCommand) -> Bool
    /// Whether a command installs them from the manifests (`pip install -r requirements.txt`, not
    /// `pip install flask`).
    public var readsManifest: @Sendable (ShellCommand) -> Bool

    public init(
        name: String, manifests: String, step: String? = nil, installs: @escaping @Sendable (ShellCommand) -> Bool,
        readsManifest: (@Sendable (ShellCommand) -> Bool)? = nil
    ) {
        self.name = name
        self.manifests = manifests
        self.step = step ?? "the \(name) install"
        self.installs = installs
        self.readsManifest = readsManifest ?? installs
    }

    /// The manifest file names, to recognise a stage that already copies them first.
    public var files: [String] {
        manifests.split(separator: " ").map(String.init).filter {
            $0.includes(".") || $0 == "Gemfile" || $0 == "Pipfile"
        }
    }

    /// The ecosystem a shell script installs packages of (the first command that does), nil when none.
    public static func installing(_ script: String) -> InstallEcosystem? {
        let commands = ShellScript.commands(script).filter { !$0.isSimulation }
        return all.first { ecosystem in commands.contains(where: ecosystem.installs) }
    }

    /// Whether a RUN instruction's text (`RUN pip install ...`, as the Dockerfile or BuildKit's progress
    /// shows it; flags such as `--mount=...` are skipped) installs packages.
    public static func installs(runInstruction text: String) -> Bool {
        installing(RunText.command(text)) != nil
    }

    /// The ecosystems whose installs read dependency manifests.
    public static var fromManifests: [InstallEcosystem] { all.filter { !$0.manifests.isEmpty } }

    public static let all: [InstallEcosystem] = [
        InstallEcosystem(
            name: "pip", manifests: "requirements.txt (or pyproject.toml)",
            installs: { PipInvocation($0)?.isInstall == true },
            readsManifest: {
                guard let pip = PipInvocation($0) else { return false }
                return pip.isInstall && (pip.usesRequirementsFile || pip.packages.contains("."))
            }),
        InstallEcosystem(name: "poetry", manifests: "pyproject.toml poetry.lock") {
            $0.name == "poetry" && $0.arguments.first == "install"
        },
        InstallEcosystem(name: "pipenv", manifests: "Pipfile Pipfile.lock") {
            $0.name == "pipenv" && $0.arguments.first == "install"
        },
        InstallEcosystem(name: "uv", manifests: "pyproject.toml uv.lock") {
            $0.name == "uv"
                && ($0.arguments.first == "sync"
                    || ($0.arguments.first == "pip" && $0.arguments.dropFirst().first == "install"))
        },
        InstallEcosystem(
            name: "npm", manifests: "package.json package-lock.json",
            installs: {
                $0.name == "npm"
                    && ["ci", "install", "i"].contains($0.arguments.first(where: { !$0.hasPrefix("-") }) ?? "")
            },
            readsManifest: {
                $0.name == "npm"
                    && ["ci", "install", "i"].contains($0.arguments.first(where: { !$0.hasPrefix("-") }) ?? "")
                    && $0.operands(after: ["ci", "install", "i"]).isEmpty
            }),
        InstallEcosystem(
            name: "yarn", manifests: "package.json yarn.lock",
            installs: {
                $0.name == "yarn"
                    && ($0.arguments.isEmpty || ["install", "add"].contains($0.arguments.first ?? "")
                        || $0.arguments.first?.hasPrefix("-") == true)
            },
            readsManifest: {
                $0.name == "yarn"
                    && ($0.arguments.isEmpty || $0.arguments.first == "install"
                        || $0.arguments.first?.hasPrefix("-") == true)
            }),
        InstallEcosystem(name: "pnpm", manifests: "package.json pnpm-lock.yaml") {
            $0.name == "pnpm" && ["install", "i"].contains($0.arguments.first ?? "")
        },
        InstallEcosystem(
            name: "go", manifests: "go.mod go.sum", step: "the Go module download (go mod download or go build)",
            installs: {
                $0.name == "go"
                    && (($0.arguments.first == "mod" && $0.arguments.dropFirst().first == "download")
                        || ["build", "get", "install"].contains($0.arguments.first ?? ""))
            },
            readsManifest: {
                $0.name == "go"
                    && (($0.arguments.first == "mod" && $0.arguments.dropFirst().first == "download")
                        || $0.arguments.first == "build")
            }),
        InstallEcosystem(
            name: "cargo", manifests: "Cargo.toml Cargo.lock", step: "cargo's crate download (cargo fetch or build)"
        ) {
            $0.name == "cargo" && ["build", "fetch", "install"].contains($0.arguments.first ?? "")
        },
        InstallEcosystem(name: "maven", manifests: "pom.xml", step: "Maven's dependency download") {
            ["mvn", "mvnw", "./mvnw"].contains($0.name)
        },
        InstallEcosystem(
            name: "gradle", manifests: "build.gradle settings.gradle (gradle/)", step: "Gradle's dependency download"
        ) {
            ["gradle", "gradlew"].contains($0.name)
        },
        InstallEcosystem(name: "bundler", manifests: "Gemfile Gemfile.lock") {
            $0.name == "bundle" && ($0.arguments.first ?? "install") == "install"
        },
        InstallEcosystem(name: "composer", manifests: "composer.json composer.lock") {
            $0.name == "composer" && $0.arguments.first == "install"
        },
        InstallEcosystem(name: "dotnet", manifests: "*.csproj (or *.sln)", step: "the dotnet restore") {
            $0.name == "dotnet" && ["restore", "publish", "build"].contains($0.arguments.first ?? "")
        },
        // system packages: installed from a distribution's mirror, not from a manifest of the project
        InstallEcosystem(name: "apt", manifests: "") {
            ["apt-get", "apt", "aptitude"].contains($0.name) && $0.arguments.contains("install")
        },
        InstallEcosystem(name: "apk", manifests: "") { $0.name == "apk" && $0.arguments.contains("add") },
        InstallEcosystem(name: "dnf", manifests: "") {
            ["dnf", "yum", "microdnf", "zypper"].contains($0.name) && $0.arguments.contains("install")
        },
    ]
}

/// The command of a RUN instruction's text, as the Dockerfile, BuildKit's progress or an image's history
/// (`created_by`) shows it: without the keyword, RUN's own flags, the build arguments BuildKit records
/// (`|2 A=1 B=2`), the shell prefix (`/bin/sh -c`) and BuildKit's `# buildkit` mark, with line
/// continuations joined and whitespace collapsed. Two texts of one step compare equal this way.
public enum RunText {
    public static func command(_ text: String) -> String {
        var rest = text.replacingOccurrences(of: "\\\n", with: " ")
        if rest.hasSuffix("# buildkit") { rest = String(rest.dropLast("# buildkit".count)) }
        var words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        if words.first?.uppercased() == "RUN" { words.removeFirst() }
        if let count = words.first, count.hasPrefix("|"), let n = Int(count.dropFirst()) {
            words.removeFirst(min(words.count, n + 1))
        }
        while let flag = words.first, flag.hasPrefix("--") { words.removeFirst() }
        if words.count >= 2, ["/bin/sh", "/bin/bash", "sh", "bash"].contains(words[0]), words[1] == "-c" {
            words.removeFirst(2)
        }
        return words.joined(separator: " ")
    }
}
