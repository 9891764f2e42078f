import Dockerfile

/// A RUN that only changes the modes of files earlier COPYs of the same stage put in place, and the
/// `--chmod` each of those COPYs would need instead: the RUN writes a second copy of every file it touches
/// into a new layer, the COPY's layer keeping the first.
struct ChmodFolding {
    struct Plan {
        var run: RunInstruction
        /// Each COPY to change and the octal mode its files end with.
        var copies: [(copy: CopyInstruction, mode: String)]
        var paths: [String]
    }

    /// The umask RUN steps start with (Docker's default), which `chmod +r` without a who respects.
    static let umask: UInt16 = 0o022

    static func plans(_ context: LintContext) -> [Plan] {
        context.dockerfile.stages.flatMap { stage -> [Plan] in
            var copied: [String: StagePaths.CopiedFile] = [:]
            var plans: [Plan] = []
            for step in StagePaths(stage, in: context.dockerfile).steps {
                switch step.instruction {
                case .copy(let copy):
                    for file in StagePaths.copiedFiles(copy, workdir: step.workdir, context: context.buildContext) {
                        copied[file.destination] = file
                    }
                case .run(let run):
                    if let plan = plan(run, workdir: step.workdir, copied: copied, context: context) {
                        plans.append(plan)
                    }
                default:
                    continue
                }
            }
            return plans
        }
    }

    static func plan(
        _ run: RunInstruction, workdir: String?, copied: [String: StagePaths.CopiedFile], context: LintContext
    ) -> Plan? {
        guard case .shell(let script) = run.command, run.heredocs.isEmpty, run.mounts.isEmpty, run.network == nil,
            run.security == nil, run.node.flags.isEmpty
        else { return nil }
        let commands = context.commands(script)
        guard !commands.isEmpty,
            commands.allSatisfy({ $0.name == "chmod" && !$0.isNested && ($0.separator == nil || $0.separator == "&&") })
        else { return nil }
        // the mode each touched file ends with, starting from the mode the COPY gave it
        var modes: [String: UInt16] = [:]
        var order: [String] = []
        for command in commands {
            guard command.words.count >= 3, command.words.first == "chmod" else { return nil }
            let change = command.words[1]
            for word in command.words.dropFirst(2) {
                guard !word.hasPrefix("-"), let path = StagePaths.absolute(word, in: workdir),
                    let file = copied[path]
                else { return nil }
                guard let mode = apply(change, to: modes[path] ?? file.sourceMode) else { return nil }
                if modes[path] == nil { order.append(path) }
                modes[path] = mode
            }
        }
        // a COPY's --chmod applies to every file it copies: all of them must end with one mode
        var copies: [(copy: CopyInstruction, mode: String)] = []
        for path in order {
            let copy = copied[path]!.copy
            guard copy.chmod == nil, !copies.contains(where: { $0.copy.node.range == copy.node.range }) else {
                continue
            }
            let siblings = copied.filter { $0.value.copy.node.range == copy.node.range }
            let finals = Set(siblings.map { modes[$0.key] ?? $0.value.sourceMode })
            // setuid, setgid and sticky: BuildKit before fsutil's fix (moby/buildkit#3920) drops them from
            // COPY --chmod, so a mode that keeps one stays a RUN
            guard finals.count == 1, let mode = finals.first, mode & 0o7000 == 0 else { return nil }
            var octal = String(mode, radix: 8)
            while octal.count < 3 { octal = "0" + octal }
            copies.append((copy, octal))
        }
        guard copies.count == Set(order.map { copied[$0]!.copy.node.range.start.line }).count else { return nil }
        return Plan(run: run, copies: copies, paths: order)
    }

    /// `mode` after `chmod CHANGE` on a regular file, as GNU chmod computes it: an octal mode, or symbolic
    /// clauses (`+x`, `u+x,go-w`, `a=r`, `+X`, `u+s`, `+t`); nil for what is not understood here (copying
    /// another class's bits, `u=g`).
    static func apply(_ change: String, to mode: UInt16) -> UInt16? {
        if change.allSatisfy({ ("0"..."7").contains($0) }), (1...4).contains(change.count) {
            return UInt16(change, radix: 8)
        }
        var result = mode
        for clause in change.split(separator: ",", omittingEmptySubsequences: false) {
            guard let operatorIndex = clause.firstIndex(where: { "+-=".contains($0) }) else { return nil }
            let who = clause[..<operatorIndex]
            let op = clause[operatorIndex]
            let permissions = clause[clause.index(after: operatorIndex)...]
            guard who.allSatisfy({ "ugoa".contains($0) }), permissions.allSatisfy({ "rwxXst".contains($0) }),
                !permissions.isEmpty || op == "="
            else { return nil }
            var whoMask: UInt16 = 0
            var specialMask: UInt16 = 0
            for letter in who {
                switch letter {
                case "u":
                    whoMask |= 0o700
                    specialMask |= 0o4000
                case "g":
                    whoMask |= 0o070
                    specialMask |= 0o2000
                case "o":
                    whoMask |= 0o007
                    specialMask |= 0o1000
                default:
                    whoMask |= 0o777
                    specialMask |= 0o7000
                }
            }
            // no who: every class, less what the umask keeps (the umask leaves the special bits alone)
            if who.isEmpty {
                whoMask = 0o777 & ~umask
                specialMask = 0o7000
            }
            var bits: UInt16 = 0
            for letter in permissions {
                switch letter {
                case "r": bits |= 0o444
                case "w": bits |= 0o222
                case "x": bits |= 0o111
                // execute only where some class can already execute (a regular file; directories always)
                case "X": if result & 0o111 != 0 { bits |= 0o111 }
                // setuid for u, setgid for g; o has none
                case "s": bits |= 0o6000
                default: bits |= 0o1000
                }
            }
            bits &= whoMask | specialMask
            switch op {
            case "+": result |= bits
            case "-": result &= ~bits
            default: result = (result & ~(who.isEmpty ? 0o7777 : whoMask | (specialMask & 0o6000))) | bits
            }
        }
        return result
    }
}
