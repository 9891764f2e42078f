/// Expands variables like BuildKit's dispatcher: global ARGs in FROM, redeclared ARGs and ENV inside stages.
extension Dockerfile {
    /// The platform BuildKit reports for the build and target by default on this machine.
    public static var defaultPlatform: String {
        #if arch(arm64)
        return "linux/arm64"
        #else
        return "linux/amd64"
        #endif
    }

    /// Automatic platform ARGs (`TARGETPLATFORM`, `BUILDARCH`, ...), visible in FROM and when redeclared.
    public static func platformArguments(_ platform: String = defaultPlatform) -> [String: String] {
        let parts = platform.split(separator: "/").map(String.init)
        let os = parts.first ?? "linux"
        let arch = parts.count > 1 ? parts[1] : "amd64"
        let variant = parts.count > 2 ? parts[2] : ""
        var result: [String: String] = [:]
        for prefix in ["TARGET", "BUILD"] {
            result[prefix + "PLATFORM"] = platform
            result[prefix + "OS"] = os
            result[prefix + "ARCH"] = arch
            result[prefix + "VARIANT"] = variant
        }
        return result
    }

    /// Values of the global ARGs (before the first FROM) for `buildArgs`.
    public func globalArguments(buildArgs: [String: String] = [:]) throws(DockerfileError) -> [String: String] {
        let lexer = ShellLexer(escapeToken: escapeToken)
        var scope = Self.platformArguments()
        for arg in metaArgs {
            for declaration in arg.declarations {
                if let value = buildArgs[declaration.name] {
                    scope[declaration.name] = value
                } else if let written = declaration.defaultValue {
                    scope[declaration.name] = try expand(written, lexer, scope, arg.node.range)
                }
            }
        }
        return scope
    }

    /// The image the final stage is built on, as the Dockerfile names it: build arguments expanded as BuildKit
    /// expands them, stage aliases followed to the stage they name (`scratch` as written); nil when the name is
    /// empty or still holds a variable.
    public func finalBaseImage(buildArgs: [String: String] = [:]) throws(DockerfileError) -> String? {
        let stages = try resolve(buildArgs: buildArgs)
        guard var stage = stages.last else { return nil }
        while let earlier = stage.baseStageIndex, stages.indices.contains(earlier) { stage = stages[earlier] }
        let base = stage.baseName
        return base.isEmpty || base.includes("$") ? nil : base
    }

    /// Every stage with variables expanded for `buildArgs`.
    public func resolve(buildArgs: [String: String] = [:]) throws(DockerfileError) -> [ResolvedStage] {
        let lexer = ShellLexer(escapeToken: escapeToken)
        let global = try globalArguments(buildArgs: buildArgs)
        var resolved: [ResolvedStage] = []
        for stage in stages {
            let range = stage.from.node.range
            let baseName = try expand(stage.from.baseName, lexer, global, range)
            let platform = try stage.from.platform.map { (p: String) throws(DockerfileError) in
                try expand(p, lexer, global, range)
            }
            let baseIndex = stages.prefix(stage.index).first(where: { $0.name == baseName.lowercased() })?.index
            var args: [String: String] = [:]
            var env: [String: String] = [:]
            var steps: [ResolvedStep] = []
            for instruction in stage.instructions {
                let scope = args.merging(env) { _, e in e }
                let step = try resolveStep(
                    instruction, stage: stage, lexer: lexer, scope: scope, global: global,
                    buildArgs: buildArgs, args: &args, env: &env)
                steps.append(step)
            }
            resolved.append(
                ResolvedStage(
                    stage: stage, baseName: baseName, platform: platform, baseStageIndex: baseIndex, steps: steps))
        }
        return resolved
    }

    /// The stages `target` needs (itself and what it depends on, transitively), in build order.
    /// `target` is a stage name or index; nil means the last stage.
    public func requiredStages(
        target: String? = nil, buildArgs: [String: String] = [:]
    ) throws(DockerfileError) -> [Int] {
        let resolved = try resolve(buildArgs: buildArgs)
        let targetIndex: Int
        if let target {
            guard let index = stageIndex(forReference: target) else {
                throw .invalidInstruction(
                    instruction: "FROM", message: "target stage \(goQuote(target)) could not be found",
                    at: SourceRange(at: SourcePosition(line: 1, column: 1)))
            }
            targetIndex = index
        } else {
            targetIndex = stages.count - 1
        }
        var needed: Set<Int> = []
        var pending = [targetIndex]
        while let index = pending.popLast() {
            guard needed.insert(index).inserted else { continue }
            if let base = resolved[index].baseStageIndex { pending.append(base) }
            for step in resolved[index].steps { pending.append(contentsOf: step.stageDependencies) }
        }
        return needed.sorted()
    }

    private func expand(
        _ word: String, _ lexer: ShellLexer, _ scope: [String: String], _ range: SourceRange
    )
        throws(DockerfileError) -> String
    {
        do {
            return try lexer.processWord(word, environment: scope)
        } catch {
            if case .expansion(let w, let message, _) = error { throw .expansion(word: w, message: message, at: range) }
            throw error
        }
    }

    private func expandWords(
        _ word: String, _ lexer: ShellLexer, _ scope: [String: String], _ range: SourceRange
    )
        throws(DockerfileError) -> [String]
    {
        do {
            return try lexer.processWords(word, environment: scope)
        } catch {
            if case .expansion(let w, let message, _) = error { throw .expansion(word: w, message: message, at: range) }
            throw error
        }
    }

    private func resolveStep(
        _ instruction: Instruction, stage: Stage, lexer: ShellLexer, scope: [String: String],
        global: [String: String], buildArgs: [String: String], args: inout [String: String],
        env: inout [String: String]
    ) throws(DockerfileError) -> ResolvedStep {
        let range = instruction.range
        var words = instruction.node.arguments
        var dependencies: [Int] = []
        var copyFrom: String? = nil
        var chown: String? = nil
        var chmod: String? = nil
        func each(_ items: [String]) throws(DockerfileError) -> [String] {
            var out: [String] = []
            for item in items { out.append(try expand(item, lexer, scope, range)) }
            return out
        }
        switch instruction {
        case .env(let e):
            words = []
            var running = scope
            for pair in e.variables {
                let key = try expand(pair.key, lexer, running, range)
                let value = try expand(pair.value, lexer, running, range)
                env[key] = value
                running[key] = value
                words.append("\(key)=\(value)")
            }
        case .label(let l):
            words = []
            for pair in l.labels {
                words.append(
                    "\(try expand(pair.key, lexer, scope, range))=\(try expand(pair.value, lexer, scope, range))")
            }
        case .arg(let a):
            words = []
            var running = scope
            for declaration in a.declarations {
                var value: String? = nil
                if let given = buildArgs[declaration.name] {
                    value = given
                } else if let written = declaration.defaultValue {
                    value = try expand(written, lexer, running, range)
                } else if let inherited = global[declaration.name] {
                    value = inherited
                }
                args[declaration.name] = value ?? ""
                if env[declaration.name] == nil { running[declaration.name] = value ?? "" }
                words.append(value.map { "\(declaration.name)=\($0)" } ?? declaration.name)
            }
        case .copy(let c):
            words = try each(c.files.sources) + [try expand(c.files.destination, lexer, scope, range)]
            if let from = c.from {
                let expanded = try expand(from, lexer, scope, range)
                copyFrom = expanded
                if let index = stageIndex(forReference: expanded, before: stage.index) { dependencies.append(index) }
            }
            chown = try c.chown.map { (v: String) throws(DockerfileError) in try expand(v, lexer, scope, range) }
            chmod = try c.chmod.map { (v: String) throws(DockerfileError) in try expand(v, lexer, scope, range) }
        case .add(let a):
            words = try each(a.files.sources) + [try expand(a.files.destination, lexer, scope, range)]
            chown = try a.chown.map { (v: String) throws(DockerfileError) in try expand(v, lexer, scope, range) }
            chmod = try a.chmod.map { (v: String) throws(DockerfileError) in try expand(v, lexer, scope, range) }
        case .expose(let e):
            words = []
            for port in e.ports { words += try expandWords(port, lexer, scope, range) }
        case .user, .workdir, .stopSignal, .volume:
            words = try each(instruction.node.arguments)
        case .run(let r):
            for mount in r.mounts {
                if let from = mount.from {
                    let expanded = try expand(from, lexer, scope, range)
                    if let index = stageIndex(forReference: expanded, before: stage.index) {
                        dependencies.append(index)
                    }
                }
            }
        default:
            break
        }
        return ResolvedStep(
            instruction: instruction, words: words, arguments: args, environment: env,
            stageDependencies: dependencies, copyFrom: copyFrom, chown: chown, chmod: chmod)
    }
}
