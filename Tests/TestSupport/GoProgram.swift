import Engine
import Foundation

/// Go programs compiled on the engine by the stand-in `golang:1.19`, as a learner's Dockerfile would: a
/// module's files, `go build` with the flags given, in the source directory given. The binary's bytes.
public enum GoProgram {
    public static let module = "module example.com/hello\n\ngo 1.19\n"

    public static func compile(
        _ source: String, flags: String, directory: String = "/src", on engine: Engine = .local
    ) throws -> [UInt8] {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("gym-goprogram-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try module.write(to: work.appendingPathComponent("go.mod"), atomically: true, encoding: .utf8)
        try source.write(to: work.appendingPathComponent("main.go"), atomically: true, encoding: .utf8)
        try """
        FROM golang:1.19 AS build
        WORKDIR \(directory)
        COPY go.mod main.go ./
        RUN CGO_ENABLED=0 go build \(flags) -o /out/hello .
        FROM scratch
        COPY --from=build /out/hello /hello
        """.write(to: work.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        let output = work.appendingPathComponent("out").path
        _ = try engine.build(
            BuildRequest(
                context: work.path, dockerfile: work.appendingPathComponent("Dockerfile").path,
                outputDirectory: output))
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: output + "/hello")))
    }

    /// A program under the starter's module name that answers like it, written another way.
    public static let rewritten = """
        package main

        import (
        \t"fmt"
        \t"os"
        )

        func main() { fmt.Printf("hello from a TINY image; args: %d\\n", len(os.Args)-1) }

        """
}
