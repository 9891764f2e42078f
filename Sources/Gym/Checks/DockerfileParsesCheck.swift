/// The Dockerfile parses as BuildKit parses it.
struct DockerfileParsesCheck: ExerciseCheck {
    let id = "dockerfile-parses"
    let title = "the Dockerfile parses as BuildKit reads it"
    let needsEngine = false
    var evidence: String { "the Dockerfile, parsed by gym as BuildKit parses it" }

    func run(_ context: CheckContext) -> CheckResult {
        do {
            let dockerfile = try context.dockerfile()
            let instructions = dockerfile.stages.reduce(0) { $0 + 1 + $1.instructions.count }
            return result(true, "\(dockerfile.stages.count) stage(s), \(instructions) instructions")
        } catch {
            return result(false, "\(context.exercise.dockerfile): \(error)", advice: "fix the syntax error first")
        }
    }
}
