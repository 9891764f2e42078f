import Dockerfile

/// Which RUNs download apt's package lists and which read them: a RUN that reads lists it did not download
/// itself depends on an earlier layer's copy, however old.
enum AptLists {
    /// Subcommands that read the lists `update` downloaded.
    static let readers: Set<String> = [
        "install", "reinstall", "build-dep", "source", "download", "upgrade", "dist-upgrade", "full-upgrade",
    ]

    /// Whether the RUN runs `apt-get update` (or `apt update`).
    static func updates(_ step: LintContext.RunStep, _ context: LintContext) -> Bool {
        context.commands(step, named: "apt-get", "apt").contains { $0.arguments.contains("update") }
    }

    /// Whether the RUN reads the lists: installs, upgrades, downloads, or asks `apt-cache`.
    static func reads(_ step: LintContext.RunStep, _ context: LintContext) -> Bool {
        context.commands(step, named: "apt-get", "apt").contains { command in
            command.arguments.contains { readers.contains($0) } && !command.isSimulation
        } || !context.commands(step, named: "apt-cache").isEmpty
    }

    /// The stage's own RUN instructions (not its ONBUILD triggers), in order.
    static func steps(of stage: Stage, _ context: LintContext) -> [LintContext.RunStep] {
        let own = Set(
            stage.instructions.compactMap { instruction -> Int? in
                if case .run(let run) = instruction { return run.node.range.start.line } else { return nil }
            })
        return context.runs.filter { $0.stage.index == stage.index && own.contains($0.run.node.range.start.line) }
    }

    /// The first later RUN of the same stage that reads the lists without downloading them itself, when it
    /// comes before any RUN that downloads them again.
    static func laterReader(after step: LintContext.RunStep, _ context: LintContext) -> LintContext.RunStep? {
        let steps = steps(of: step.stage, context)
        guard let index = steps.firstIndex(where: { $0.run.node.range == step.run.node.range }) else { return nil }
        guard let next = steps[(index + 1)...].first(where: { updates($0, context) || reads($0, context) }),
            !updates(next, context)
        else { return nil }
        return next
    }
}
