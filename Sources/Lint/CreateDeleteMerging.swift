import Dockerfile
import Foundation

/// Files a RUN creates and a later RUN of the same stage removes: the earlier layer keeps them whatever the
/// later one does. When the RUNs between them can run as one shell script without changing what any of
/// them does, they can be merged, so the file never reaches a layer.
struct CreateDeleteMerging {
    struct Plan {
        /// The RUN that removes the files.
        var deleting: RunInstruction
        /// The RUN that created them (the first of `runs` when they can be merged).
        var creating: RunInstruction
        var paths: [String]
        /// Whether the later RUN removes them (else it changes their mode or owner, storing them again).
        var removes: Bool
        /// The RUNs from `creating` to `deleting`, in order, when merging them keeps their meaning; else empty.
        var runs: [RunInstruction]
    }

    /// Commands that change the state later commands of the same shell see (directory, variables, options,
    /// the shell itself): a RUN with one of them cannot be joined to the commands after it.
    static let stateful: Set<String> = [
        "cd", "pushd", "popd", "export", "set", "unset", "source", ".", "umask", "alias", "unalias", "shopt", "exit",
        "exec", "trap", "ulimit", "readonly", "local", "declare", "typeset", "return", "shift",
    ]

    static func plans(_ context: LintContext) -> [Plan] {
        // only the layers of the image count: the final stage and the stages it is built on
        guard let final = context.finalStage else { return [] }
        return context.stageChain(final).flatMap { stage -> [Plan] in
            let steps = StagePaths(stage, in: context.dockerfile).steps
            let hasShell = steps.contains { if case .shell = $0.instruction { true } else { false } }
            var plans: [Plan] = []
            // what each RUN names and removes, worked out once per step however many RUNs ask
            var worked: [Int: (mentioned: Set<String>, removed: Set<String>)] = [:]
            func names(_ position: Int, _ script: String) -> (mentioned: Set<String>, removed: Set<String>) {
                if let known = worked[position] { return known }
                let commands = context.commands(script)
                let found = (
                    mentioned: mentionedPaths(commands, workdir: steps[position].workdir),
                    removed: Set(removedPaths(commands, workdir: steps[position].workdir, changes: false))
                )
                worked[position] = found
                return found
            }
            for (index, step) in steps.enumerated() {
                guard case .run(let deleting) = step.instruction, case .shell(let script) = deleting.command else {
                    continue
                }
                // what a COPY or ADD may have put there is the context's, not a RUN's
                let removed = removedPaths(context.commands(script), workdir: step.workdir).filter { path in
                    !steps[..<index].contains { mayHaveCopied(path, $0, context: context.buildContext) }
                }
                guard !removed.isEmpty else { continue }
                // the first RUN that names what is removed: its layer is the one that keeps it
                for earlier in 0..<index {
                    guard case .run(let creating) = steps[earlier].instruction,
                        case .shell(let created) = creating.command
                    else { continue }
                    // a RUN that removes it itself left nothing behind
                    let earlierNames = names(earlier, created)
                    let named = removed.filter {
                        !earlierNames.removed.contains($0) && earlierNames.mentioned.contains($0)
                    }
                    guard !named.isEmpty else { continue }
                    let between = steps[earlier...index].map(\.instruction)
                    let runs = between.compactMap { instruction -> RunInstruction? in
                        if case .run(let run) = instruction { return run } else { return nil }
                    }
                    let mergeable =
                        !hasShell && runs.count == between.count
                        && runs.enumerated().allSatisfy { position, run in
                            joinable(run, first: position == 0, last: position == runs.count - 1, context: context)
                        }
                    plans.append(
                        Plan(
                            deleting: deleting, creating: creating, paths: named,
                            removes: Set(named).isSubset(of: names(index, script).removed),
                            runs: mergeable ? runs : []))
                    break
                }
            }
            return plans
        }
    }

    /// Whether a COPY or ADD may have put `path` in place: anything under its destination, unless the build
    /// context is known to hold no such file (then a RUN made it).
    static func mayHaveCopied(_ path: String, _ step: StagePaths.Step, context: BuildContextView?) -> Bool {
        let files: SourcesAndDestination
        var fromContext = false
        switch step.instruction {
        case .copy(let copy):
            files = copy.files
            fromContext = copy.from == nil
        case .add(let add): files = add.files
        default: return false
        }
        guard let destination = StagePaths.absolute(files.destination, in: step.workdir) else { return true }
        let inside =
            destination == "/"
            ? String(path.dropFirst())
            : path.hasPrefix(destination + "/")
                ? String(path.dropFirst(destination.count + 1)) : nil
        guard path == destination || inside != nil else { return false }
        guard fromContext, let context, let relative = inside, files.inlineFiles.isEmpty else { return true }
        for source in files.sources {
            guard !source.contains(where: { "*?[$".contains($0) }) else { return true }
            let base = StagePaths.absolute(source, in: "/").map { String($0.dropFirst()) } ?? source
            let candidate: String
            if base.isEmpty {
                candidate = relative
            } else if context.entries.contains(base + "/") {
                candidate = base + "/" + relative
            } else {
                // a single file lands under its own name in a destination directory
                if (base.split(separator: "/").last.map(String.init) ?? base) == relative { return true }
                continue
            }
            // the view lists two levels: deeper paths are not known to be absent
            if candidate.split(separator: "/").count > 2 { return true }
            if context.entries.contains(candidate) || context.entries.contains(candidate + "/") { return true }
        }
        return false
    }

    /// The literal paths `rm` removes, or `chmod`, `chown` and `chgrp` change (which stores the whole file again
    /// in the new layer), made absolute (no globs, no variables).
    static func removedPaths(_ commands: [ShellCommand], workdir: String?, changes: Bool = true) -> [String] {
        var paths: [String] = []
        var directory = workdir
        for command in commands {
            if command.name == "cd" { directory = changed(directory, command) }
            guard !command.isNested else { continue }
            let operands: ArraySlice<String>
            switch command.name {
            case "rm": operands = command.words.dropFirst().filter { !$0.hasPrefix("-") }[...]
            case "chmod" where changes, "chown" where changes, "chgrp" where changes:
                // the first operand is the mode or owner
                operands = command.words.dropFirst().filter { !$0.hasPrefix("-") }.dropFirst()
            default: continue
            }
            for word in operands {
                guard !word.contains(where: { "*?[$".contains($0) }),
                    let path = StagePaths.absolute(word, in: directory), path != "/"
                else { continue }
                paths.append(path)
            }
        }
        return paths
    }

    /// The absolute paths a RUN's script names: as a word (an output file, a directory it makes), a word's
    /// `--flag=value`, or a URL whose last part a download saves under the working directory.
    static func mentionedPaths(_ commands: [ShellCommand], workdir: String?) -> Set<String> {
        var directory = workdir
        var paths: Set<String> = []
        for command in commands {
            if command.name == "cd" { directory = changed(directory, command) }
            guard command.name != "rm" else { continue }
            for word in command.words.dropFirst() {
                let value = word.hasPrefix("-") ? word.split(separator: "=", maxSplits: 1).dropFirst().first : word[...]
                guard let value, !value.isEmpty else { continue }
                if value.includes("://") {
                    guard let name = value.split(separator: "/").last, !name.includes("?"),
                        let path = StagePaths.absolute(String(name), in: directory)
                    else { continue }
                    paths.insert(path)
                } else if let path = StagePaths.absolute(String(value), in: directory) {
                    paths.insert(path)
                }
            }
        }
        return paths
    }

    /// The working directory after a `cd` (nil when not known: no argument, `-`, a variable).
    static func changed(_ directory: String?, _ cd: ShellCommand) -> String? {
        let arguments = cd.words.dropFirst().filter { !$0.hasPrefix("-") }
        guard arguments.count == 1, let target = arguments.first else { return nil }
        return StagePaths.absolute(target, in: directory)
    }

    /// Whether a RUN can be joined with `&&` to the RUNs around it and keep its meaning: a plain shell form with
    /// no flags, no heredoc, no shell state carried to later commands, no trailing comment or background job;
    /// after the first, no `;`, `||` or `&` of its own either (`a && b || c` would run c when a fails, where the
    /// build used to stop at a).
    static func joinable(_ run: RunInstruction, first: Bool, last: Bool, context: LintContext) -> Bool {
        guard case .shell(let script) = run.command, run.heredocs.isEmpty, run.node.flags.isEmpty else {
            return false
        }
        let lastLine = run.node.range.end.line
        guard lastLine <= context.lines.count, !context.lines[lastLine - 1].includes("#") else { return false }
        let trimmed = script.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.hasSuffix("&"), !trimmed.hasSuffix("|"), !trimmed.hasSuffix(";") else { return false }
        let commands = context.commands(script)
        if !first, commands.contains(where: { !$0.isNested && [";", "||", "&"].contains($0.separator ?? "") }) {
            return false
        }
        if last { return true }
        return !commands.contains { command in
            stateful.contains(command.name)
                || (command.invocation.isEmpty && command.words.first?.includes("=") == true)
        }
    }
}
