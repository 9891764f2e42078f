import Engine
import Foundation
import Scan

/// Whether a Go program is the starter's code: the grader compiles the starter's package itself, on the
/// exercise's toolchain image, with the settings the learner's binary recorded (its flags and environment,
/// and the source directory its function table names), and compares the main package's functions, their
/// names and their machine code, read from both function tables. A canned program under the starter's
/// module name has the name and not the code; a binary stripped with `-s -w` keeps its function table.
struct StarterGoBuild: Sendable {
    /// The toolchain image the exercise trusts to compile the starter (`golang:1.19`).
    var toolchain: String
    /// The starter's directory (its Go files and go.mod are copied as they are).
    var starter: URL

    struct Mismatch: Error {
        var reason: String
    }

    /// The flags a recorded setting becomes on the rebuild's `go build` line (the rest are environment).
    static let flagSettings = ["-asmflags", "-buildmode", "-compiler", "-gcflags", "-ldflags", "-tags", "-trimpath"]
    /// The environment settings the rebuild copies, each a plain token.
    static let environmentSettings = ["CGO_ENABLED", "GOARCH", "GOOS", "GOAMD64", "GOARM", "GOARM64", "GO386"]

    /// Compares `binary` (the learner's program, with its build info) with the starter built the same way.
    /// The evidence, or why it is not the starter's code.
    func compare(
        _ binary: [UInt8], info: GoBuildInfo, on engine: Engine, progress: (String) -> Void
    ) -> Result<String, Mismatch> {
        guard let learner = GoFunctionTable.parse(binary) else {
            return .failure(Mismatch(reason: "has no Go function table to compare with the starter's"))
        }
        if let vcs = info.settings.first(where: { $0.key.hasPrefix("vcs") }) {
            // the revision lands in the program's data and moves its addresses; the starter has none
            return .failure(
                Mismatch(
                    reason: "was built with version-control stamping (\(vcs.key)), which cannot be rebuilt from the"
                        + " starter: build with -buildvcs=false or keep .git out of the build"))
        }
        let dockerfile: String
        switch rebuildDockerfile(info: info, files: learner.files) {
        case .success(let text): dockerfile = text
        case .failure(let mismatch): return .failure(mismatch)
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("gym-gorebuild-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let rebuilt: [UInt8]
        do {
            let context = work.appendingPathComponent("context")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: starter, to: context)
            try? FileManager.default.removeItem(at: context.appendingPathComponent("Dockerfile"))
            let file = work.appendingPathComponent("Dockerfile.gym-rebuild")
            try dockerfile.write(to: file, atomically: true, encoding: .utf8)
            progress("compiling the starter with \(toolchain) to compare ...")
            let output = work.appendingPathComponent("out").path
            _ = try engine.build(
                BuildRequest(context: context.path, dockerfile: file.path, outputDirectory: output))
            rebuilt = try [UInt8](Data(contentsOf: URL(fileURLWithPath: output + "/app")))
        } catch {
            return .failure(
                Mismatch(reason: "could not be compared: the starter did not compile on \(toolchain): \(error)"))
        }
        guard let reference = GoFunctionTable.parse(rebuilt), let built = GoBuildInfo.parse(rebuilt) else {
            return .failure(Mismatch(reason: "could not be compared: the starter's build has no function table"))
        }
        guard built.goVersion == info.goVersion else {
            return .failure(
                Mismatch(
                    reason:
                        "was built by \(info.goVersion); the starter compiles with \(toolchain) (\(built.goVersion)),"
                        + " and only a build by the same toolchain can be compared"))
        }
        let theirs = learner.functions(named: "main.")
        let ours = reference.functions(named: "main.")
        guard theirs.map(\.name) == ours.map(\.name) else {
            let missing = Set(ours.map(\.name)).subtracting(theirs.map(\.name)).sorted()
            let extra = Set(theirs.map(\.name)).subtracting(ours.map(\.name)).sorted()
            return .failure(
                Mismatch(
                    reason: "is not the starter's program: its main package has "
                        + (extra.isEmpty ? "" : "\(extra.joined(separator: ", ")) ")
                        + (missing.isEmpty ? "" : "and lacks \(missing.joined(separator: ", "))")))
        }
        if let differing = zip(theirs, ours).first(where: { $0.code != $1.code }) {
            return .failure(
                Mismatch(
                    reason: "is not the starter's program: its \(differing.0.name) is not the code the starter's"
                        + " \(differing.1.name) compiles to (\(differing.0.code.count) bytes against"
                        + " \(differing.1.code.count), built the same way)"))
        }
        return .success(
            "its \(ours.count) main-package function\(ours.count == 1 ? "" : "s") are the starter's code, byte for byte"
        )
    }

    /// The rebuild: the toolchain image, the learner's source directory (unless `-trimpath`), their flags and
    /// environment, in exec form so no recorded value reaches a shell.
    func rebuildDockerfile(info: GoBuildInfo, files: [String]) -> Result<String, Mismatch> {
        var environment: [String] = []
        var flags: [String] = ["-buildvcs=false"]
        for (key, value) in info.settings {
            if Self.flagSettings.contains(key) {
                flags.append("\(key)=\(value)")
            } else if Self.environmentSettings.contains(key) {
                guard !value.isEmpty, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" })
                else {
                    return .failure(Mismatch(reason: "recorded \(key)=\(value.debugDescription), not a plain value"))
                }
                environment.append("\(key)=\(value)")
            }
        }
        var directory = "/src"
        if info.setting("-trimpath") != "true" {
            // without -trimpath the source directory's name is in the program, and moves its data
            guard let found = Self.sourceDirectory(files) else {
                return .failure(Mismatch(reason: "names no source directory of its main package"))
            }
            directory = found
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        func json(_ value: String) -> String {
            String(decoding: (try? encoder.encode(value)) ?? Data("\"\"".utf8), as: UTF8.self)
        }
        let command = (["go", "build"] + flags + ["-o", "/gym-out/app", "."]).map(json).joined(separator: ", ")
        var lines = ["FROM \(toolchain) AS build", "WORKDIR \(directory)"]
        if !environment.isEmpty { lines.append("ENV " + environment.joined(separator: " ")) }
        lines += ["COPY . .", "RUN [\(command)]", "FROM scratch", "COPY --from=build /gym-out/app /app", ""]
        return .success(lines.joined(separator: "\n"))
    }

    /// The directory of the main package's source: the folder of a `.go` file outside the toolchain's own
    /// tree (found by its runtime's files) and outside the module cache.
    static func sourceDirectory(_ files: [String]) -> String? {
        let root = files.first { $0.hasSuffix("/src/runtime/proc.go") }.map {
            String($0.dropLast("runtime/proc.go".count))
        }
        let candidates = files.filter { file in
            file.hasPrefix("/") && file.hasSuffix(".go") && !(root.map { file.hasPrefix($0) } ?? false)
                && !file.contains("/pkg/mod/")
        }
        guard let first = candidates.first else { return nil }
        let directory = String(first[..<(first.lastIndex(of: "/") ?? first.startIndex)])
        // written into the rebuild's WORKDIR as it is: plain path characters only
        guard !directory.isEmpty,
            directory.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/._-".contains($0)) })
        else { return nil }
        return directory
    }
}
