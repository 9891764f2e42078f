import Context

/// Measured on the image: the final filesystem holds nothing under the given paths (a compiler, build
/// inputs), whatever the Dockerfile says.
struct ImageLacksCheck: ExerciseCheck {
    /// Paths relative to the root (`usr/local/go`).
    let paths: [String]
    /// What those paths are, for the message.
    let reason: String
    let id = "image-lacks"
    var title: String { "the final image carries no \(reason)" }
    let needsEngine = true

    func run(_ context: CheckContext) -> CheckResult {
        if let failure = unbuilt(context) { return failure }
        guard let analysis = context.analysis() else { return result(false, "cannot read the image") }
        switch analysis {
        case .failure(let error):
            return result(false, "cannot read the image: \(error)")
        case .success(let (_, tree)):
            let found = tree.files.filter { file in
                paths.contains { file.path == $0 || file.path.hasPrefix($0 + "/") }
            }
            if found.isEmpty { return result(true, "nothing under /\(paths.joined(separator: ", /"))") }
            let bytes = found.reduce(Int64(0)) { $0 + $1.size }
            return result(
                false,
                "\(found.count) files (\(ByteCount.text(bytes))) under /\(paths.joined(separator: ", /")), e.g. /\(found[0].path)",
                advice: "the runtime image needs the program, not what built it")
        }
    }
}
