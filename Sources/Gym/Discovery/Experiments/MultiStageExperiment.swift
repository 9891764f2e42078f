import Bench
import Engine
import Foundation

/// Question 3: a builder stage that "compiles" its source (comments are dropped, as a compiler drops them)
/// and a runtime stage that copies the result. Three edits, each rebuilt: a comment in the builder's source
/// (output byte-identical), the runtime stage itself, and the source's content (output changes).
struct MultiStageExperiment: DiscoveryExperiment {
    var files: [String: String] {
        [
            "Dockerfile": """
            FROM debian:bookworm-slim AS build
            COPY src/ /src/
            RUN grep -v '^#' /src/main.txt > /out.txt
            FROM debian:bookworm-slim
            COPY --from=build /out.txt /app/out.txt
            RUN wc -c /app/out.txt > /app/size.txt

            """,
            "src/main.txt": "# build notes\nhello from the builder\n",
        ]
    }

    func measure(in directory: URL, lab: ExperimentLab) throws(GymError) -> DiscoveryMeasurement {
        _ = try lab.build(directory)
        func steps(_ result: BuildResult) throws(GymError) -> (builder: Bool, copy: Bool, runtime: Bool) {
            guard let builder = ExperimentLab.step(result, "RUN grep"),
                let copy = ExperimentLab.step(result, "COPY --from=build"),
                let runtime = ExperimentLab.step(result, "RUN wc -c")
            else { throw .experiment(question: 3, reason: "BuildKit's progress lacks a step of the Dockerfile") }
            return (!builder.cached, !copy.cached, !runtime.cached)
        }
        try lab.edit(
            directory, "src/main.txt", replacing: "# build notes", with: "# build notes \(ExperimentLab.nonce())")
        let comment = try steps(try lab.build(directory))
        try lab.edit(
            directory, "Dockerfile", replacing: "> /app/size.txt",
            with: "> /app/size.txt && echo \(ExperimentLab.nonce()) > /app/note.txt")
        let runtimeEdit = try steps(try lab.build(directory))
        try lab.edit(
            directory, "src/main.txt", replacing: "hello from the builder",
            with: "hello from the builder \(ExperimentLab.nonce())")
        let content = try steps(try lab.build(directory))
        func said(_ ran: Bool) -> String { ran ? "ran" : "cached" }
        let supports: String
        if comment.builder && !comment.copy && !comment.runtime && !runtimeEdit.builder && runtimeEdit.runtime
            && content.copy
        {
            supports = "b"
        } else if comment.copy {
            supports = "a"
        } else {
            supports = "c"
        }
        return DiscoveryMeasurement(
            supports: supports,
            evidence: [
                "a comment in the builder's source: builder RUN \(said(comment.builder)), runtime COPY --from \(said(comment.copy)), runtime RUN \(said(comment.runtime))",
                "a change in the runtime stage: builder RUN \(said(runtimeEdit.builder)), runtime RUN \(said(runtimeEdit.runtime))",
                "a change in what the builder outputs: runtime COPY --from \(said(content.copy)), runtime RUN \(said(content.runtime))",
            ])
    }
}
