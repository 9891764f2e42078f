import Testing

@testable import Dockerfile

/// The one text-based answer to "does this RUN install packages?", shared by lint, `gym cache` and the gym
/// (which decides by effect where it has an image), and the normal form that lets a Dockerfile's RUN, its
/// BuildKit progress line and its image history entry be compared.
struct InstallEcosystemTests {
    @Test(arguments: [
        ("RUN pip install --no-cache-dir -r requirements.txt", "pip"),
        ("RUN python3 -m pip install flask==3.0.0", "pip"),
        ("RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt", "pip"),
        ("RUN apt-get update && apt-get install -y --no-install-recommends curl", "apt"),
        ("RUN apk add --no-cache git", "apk"),
        ("RUN npm ci --omit=dev", "npm"),
        ("RUN yarn install --frozen-lockfile", "yarn"),
        ("RUN go mod download", "go"),
        ("RUN CGO_ENABLED=0 go build -o /out/app .", "go"),
        ("RUN uv sync --frozen", "uv"),
        ("RUN bundle install", "bundler"),
    ])
    func installsAreRecognised(run: String, ecosystem: String) {
        #expect(InstallEcosystem.installing(RunText.command(run))?.name == ecosystem, "\(run)")
        #expect(InstallEcosystem.installs(runInstruction: run))
    }

    @Test(arguments: [
        "RUN cat requirements.txt", "RUN sh install-deps.sh requirements.txt", "RUN apt-get install -s curl",
        "RUN pip --version", "RUN echo pip install flask > notes.txt", "RUN npm run build",
    ])
    func otherStepsAreNot(run: String) {
        #expect(!InstallEcosystem.installs(runInstruction: run), "\(run)")
    }

    @Test func manifestInstallsAreTheOnesLintAsksAbout() {
        let pip = InstallEcosystem.all.first { $0.name == "pip" }!
        let named = ShellScript.commands("pip install flask")[0]
        let fromFile = ShellScript.commands("pip install -r requirements.txt")[0]
        #expect(pip.installs(named) && !pip.readsManifest(named))
        #expect(pip.installs(fromFile) && pip.readsManifest(fromFile))
        #expect(!InstallEcosystem.fromManifests.contains { $0.name == "apt" })
    }

    @Test(arguments: [
        ("RUN pip install -r requirements.txt", "pip install -r requirements.txt"),
        ("RUN /bin/sh -c pip install -r requirements.txt # buildkit", "pip install -r requirements.txt"),
        ("RUN |1 FLAGS=-s /bin/sh -c go build $FLAGS . # buildkit", "go build $FLAGS ."),
        (
            "RUN --mount=type=bind,target=/src pip install \\\n    -r requirements.txt",
            "pip install -r requirements.txt"
        ),
        ("RUN sh install-deps.sh requirements.txt", "sh install-deps.sh requirements.txt"),
    ])
    func runTextsOfOneStepCompareEqual(text: String, command: String) {
        #expect(RunText.command(text) == command)
    }
}
