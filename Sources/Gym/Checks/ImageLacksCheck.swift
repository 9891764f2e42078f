import Base
import Context

/// Measured on the image: the final filesystem holds no build tool or build input, found by what it is
/// anywhere in the filesystem (a Go toolchain's compiler, `*.go` sources, npm), and nothing under the given
/// paths, whatever the Dockerfile says.
struct ImageLacksCheck: ExerciseCheck {
    /// Things recognised by what they are, wherever they sit.
    enum Kind: String, Sendable, CaseIterable {
        case goToolchain = "go-toolchain"
        case goSources = "go-sources"
        case npm

        func matches(_ path: String) -> Bool {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            switch self {
            case .goToolchain:
                return (name == "compile" || name == "link") && path.contains("pkg/tool/")
                    || path.hasSuffix("src/runtime/runtime.go")
            case .goSources:
                return name.hasSuffix(".go")
            case .npm:
                return path.contains("node_modules/npm/") || name == "npm-cli.js"
            }
        }
    }

    /// Paths relative to the root (`usr/local/go`).
    let paths: [String]
    var kinds: [Kind] = []
    /// What those paths are, for the message.
    let reason: String
    let id = "image-lacks"
    var title: String { "the final image carries no \(reason)" }
    let needsEngine = true
    var evidence: String { "the image's final filesystem, read from its layers" }

    func run(_ context: CheckContext) -> CheckResult {
        if let failure = unbuilt(context) { return failure }
        guard let analysis = context.analysis() else { return result(false, "cannot read the image") }
        switch analysis {
        case .failure(let error):
            return result(false, "cannot read the image: \(error)")
        case .success(let (_, tree)):
            let found = tree.files.filter { file in
                paths.contains { file.path == $0 || file.path.hasPrefix($0 + "/") }
                    || kinds.contains { $0.matches(file.path) }
            }
            let sought =
                kinds.map(\.rawValue) + paths.map { "/" + $0 }
            if found.isEmpty {
                return result(true, "\(tree.files.count) files read; none is \(sought.joined(separator: ", "))")
            }
            let bytes = found.reduce(Int64(0)) { $0 + $1.size }
            return result(
                false,
                "\(found.count) files (\(ByteCount.text(bytes))) of \(sought.joined(separator: ", ")), e.g. /\(found[0].path)",
                advice: "the runtime image needs the program, not what built it")
        }
    }
}
