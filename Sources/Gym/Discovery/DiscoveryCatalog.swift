/// The week's seven discovery questions, each with the experiment that answers it.
public enum DiscoveryCatalog {
    static func choices(_ pairs: [(String, String)]) -> [DiscoveryQuestion.Choice] {
        pairs.map { DiscoveryQuestion.Choice(key: $0.0, text: $0.1) }
    }

    public static let questions: [DiscoveryQuestion] = [
        DiscoveryQuestion(
            number: 1, topic: "Layer caching",
            question: "You changed line 15 of your Dockerfile. Will Docker rebuild layers 1-14? Why or why not?",
            prompt: "A 17-line Dockerfile is built, then line 15 changes. What does the rebuild do?",
            choices: choices([
                ("a", "every layer rebuilds: a change anywhere invalidates the image"),
                ("b", "lines 1-14 come from the cache; line 15 and every line after it rebuild"),
                ("c", "only line 15 rebuilds; the lines after it stay cached"),
            ]),
            answer: "b",
            explanation:
                "Each step's cache key is its instruction plus its parent layer: steps before the change keep their keys; the changed step gets a new one, and so does every step built on it.",
            experiment: LayerCachingExperiment()),
        DiscoveryQuestion(
            number: 2, topic: "COPY dilemma",
            question:
                "Why is COPY requirements.txt . followed by COPY . . better than just doing COPY . . once? Isn't that duplicating files?",
            prompt: "Both versions are built, then app.py changes and both are rebuilt. What happens?",
            choices: choices([
                ("a", "both keep the dependency install cached; the second COPY only wastes space"),
                (
                    "b",
                    "only the manifest-first version keeps the install cached; the duplicate costs the manifest's bytes"
                ),
                ("c", "both install the dependencies again"),
            ]),
            answer: "b",
            explanation:
                "COPY . . puts every file in the install's cache key, so any edit reruns it; copying the manifest alone keys the install on the manifest. The duplicated requirements.txt costs a few bytes.",
            experiment: CopyDilemmaExperiment()),
        DiscoveryQuestion(
            number: 3, topic: "Multi-stage thinking",
            question:
                "In a multi-stage build, if you change source code in the builder stage, does the runtime stage need to rebuild? What about vice versa?",
            prompt:
                "A comment changes in the builder's source; what the builder produces stays byte-identical. The runtime stage?",
            choices: choices([
                ("a", "it rebuilds whenever the builder stage reruns"),
                (
                    "b",
                    "its COPY --from comes from the cache: the copied bytes are the same (and a runtime change never rebuilds the builder)"
                ),
                ("c", "it never rebuilds, even when the builder's output changes"),
            ]),
            answer: "b",
            explanation:
                "COPY --from is keyed on the content it copies, not on how it was made: identical output is a cache hit. Stages only depend on what they copy, so the builder never depends on the runtime stage.",
            experiment: MultiStageExperiment()),
        DiscoveryQuestion(
            number: 4, topic: "Alpine gotchas",
            question:
                "You tried FROM python:3.11-alpine and got an error during pip install for a package with C extensions. Why? What would you need to add to make it work?",
            prompt: "Why does pip install fail on Alpine for a package with C extensions?",
            choices: choices([
                ("a", "Alpine's Python has no pip"),
                (
                    "b",
                    "PyPI's binary wheels are built for glibc; Alpine's musl makes pip compile from source, which needs gcc, musl-dev and python3-dev"
                ),
                ("c", "Alpine blocks the network during builds"),
            ]),
            answer: "b",
            explanation:
                "manylinux wheels link against glibc. On musl pip looks for musllinux wheels, and without one it builds the sdist: add the compiler and headers (apk add gcc musl-dev python3-dev), ideally in a build stage.",
            experiment: AlpineExperiment()),
        DiscoveryQuestion(
            number: 5, topic: "Size vs Security",
            question:
                "An Alpine-based image is 50MB. A Debian-slim image is 180MB. Which is \"better\"? What factors would influence your decision?",
            prompt: "Two images built here, a smaller and a bigger one, are scanned. What will the scan show?",
            choices: choices([
                ("a", "size says nothing: the smaller image has as many known vulnerabilities"),
                (
                    "b",
                    "the smaller image has fewer packages and no more known vulnerabilities; the scan, not the size, says how exposed each is"
                ),
                ("c", "the bigger image is safer because it is a standard distribution"),
            ]),
            answer: "b",
            explanation:
                "Fewer packages means less to attack and patch, so small images usually scan cleaner; but musl compatibility, patch cadence, debugging tools and what your app needs weigh in too.",
            experiment: SizeSecurityExperiment()),
        DiscoveryQuestion(
            number: 6, topic: "The scratch mystery",
            question:
                "If FROM scratch gives you a 0MB base, why can't you use it for a Python app? What would happen if you tried?",
            prompt: "A Python app on FROM scratch is built and run. What happens?",
            choices: choices([
                ("a", "the build fails"),
                ("b", "the build succeeds, but the container cannot start: there is no python in the image"),
                ("c", "it runs: Docker provides the interpreter"),
            ]),
            answer: "b",
            explanation:
                "scratch is an empty filesystem: no interpreter, no libc, no shell. It suits static binaries (Go with CGO off, Rust with musl); a Python app needs its interpreter and libraries, e.g. a slim or distroless base.",
            experiment: ScratchExperiment()),
        DiscoveryQuestion(
            number: 7, topic: "Vulnerability strategy",
            question:
                "Trivy found 3 CRITICAL, 12 HIGH, and 45 MEDIUM vulnerabilities in your image. Which should you fix first? Can you ignore the MEDIUM ones?",
            prompt: "An image with an old Django is scanned. Where do you start?",
            choices: choices([
                ("a", "with the MEDIUM ones: there are the most of them"),
                (
                    "b",
                    "with the CRITICAL ones a release already fixes; the MEDIUM ones wait but are not ignored, and one upgrade often closes many"
                ),
                ("c", "with none: only CRITICAL ones matter, MEDIUM can be ignored"),
            ]),
            answer: "b",
            explanation:
                "Triage by severity and exploitability, fix what has a fixed version first; one package upgrade usually closes findings of every severity. MEDIUM is a backlog with a deadline, not something to ignore.",
            experiment: VulnerabilityStrategyExperiment()),
    ]

    public static func question(_ number: Int) throws(GymError) -> DiscoveryQuestion {
        guard let question = questions.first(where: { $0.number == number }) else {
            throw .badPrediction("no discovery question \(number): they are numbered 1 to \(questions.count)")
        }
        return question
    }
}
