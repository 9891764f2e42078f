import Scan
import Yams

/// Reads one entry of an exercise's `checks:` list into the check type its `kind` names.
enum CheckSpec {
    static func decode(_ node: Node, exercise: String, index: Int) throws(GymError) -> any ExerciseCheck {
        guard let map = node.mapping, let kind = map["kind"]?.string else {
            throw .badExercise(slug: exercise, reason: "check \(index + 1) has no kind")
        }
        func string(_ key: String) throws(GymError) -> String {
            guard let value = map[key]?.string else {
                throw .badExercise(slug: exercise, reason: "check \(index + 1) (\(kind)) needs \(key)")
            }
            return value
        }
        func number(_ key: String) throws(GymError) -> Double {
            guard let value = map[key]?.float ?? map[key]?.int.map(Double.init) else {
                throw .badExercise(slug: exercise, reason: "check \(index + 1) (\(kind)) needs a number \(key)")
            }
            return value
        }
        switch kind {
        case "app-intact":
            var artefacts: [AppIntactCheck.Artefact] = []
            for item in map["artefacts"]?.sequence ?? [] {
                guard let entry = item.mapping, let size = entry["size"]?.int,
                    let sha256 = entry["sha256"]?.string
                else {
                    throw .badExercise(
                        slug: exercise, reason: "check \(index + 1) (app-intact): an artefact needs size and sha256")
                }
                artefacts.append(
                    .init(
                        path: entry["path"]?.string, size: Int64(size), sha256: sha256,
                        what: entry["what"]?.string ?? entry["path"]?.string ?? "sha256:\(sha256)"))
            }
            return AppIntactCheck(
                protected: map["protected"]?.sequence?.compactMap(\.string) ?? [],
                shipped: map["shipped"]?.sequence?.compactMap(\.string) ?? [], artefacts: artefacts)
        case "dockerfile-parses":
            return DockerfileParsesCheck()
        case "dependencies-cached":
            return DependenciesCachedCheck(code: try string("code"), manifest: try string("manifest"))
        case "rebuilds-offline":
            return RebuildsOfflineCheck(code: try string("code"))
        case "image-runs":
            var nonce: ImageRunsCheck.Nonce?
            if let name = map["nonce"]?.string {
                guard let known = ImageRunsCheck.Nonce(rawValue: name) else {
                    throw .badExercise(
                        slug: exercise, reason: "check \(index + 1) (image-runs): nonce is count or word")
                }
                nonce = known
            }
            return ImageRunsCheck(
                command: map["command"]?.sequence?.compactMap(\.string) ?? [], expect: try string("expect"),
                identity: AppProcess(
                    program: map["program"]?.string, interpreter: map["interpreter"]?.string,
                    goPackage: map["go-package"]?.string, goToolchain: map["go-toolchain"]?.string), nonce: nonce)
        case "serves":
            guard let port = map["port"]?.int, (1...65535).contains(port) else {
                throw .badExercise(slug: exercise, reason: "check \(index + 1) (serves) needs a port (1-65535)")
            }
            var requests: [ServesCheck.Request] = []
            for item in map["requests"]?.sequence ?? [] {
                guard let entry = item.mapping, let path = entry["path"]?.string, path.hasPrefix("/"),
                    let body = entry["body"]?.string
                else {
                    throw .badExercise(
                        slug: exercise, reason: "check \(index + 1) (serves): a request needs a path (/...) and a body")
                }
                requests.append(.init(path: path, status: entry["status"]?.int ?? 200, body: body))
            }
            guard !requests.isEmpty else {
                throw .badExercise(slug: exercise, reason: "check \(index + 1) (serves) needs requests")
            }
            let identity = AppProcess(program: map["program"]?.string, interpreter: map["interpreter"]?.string)
            return ServesCheck(
                port: port, requests: requests, identity: identity,
                probeImage: map["probe-image"]?.string ?? "python:3.11-slim")
        case "image-size":
            return ImageSizeCheck(maximumMegabytes: try number("max-mb"))
        case "image-waste":
            return ImageWasteCheck(maximumMegabytes: try number("max-mb"))
        case "image-lacks":
            var kinds: [ImageLacksCheck.Kind] = []
            for name in map["kinds"]?.sequence?.compactMap(\.string) ?? [] {
                guard let kind = ImageLacksCheck.Kind(rawValue: name) else {
                    throw .badExercise(
                        slug: exercise,
                        reason: "check \(index + 1) (image-lacks): unknown kind \(name); known: "
                            + ImageLacksCheck.Kind.allCases.map(\.rawValue).joined(separator: ", "))
                }
                kinds.append(kind)
            }
            return ImageLacksCheck(
                paths: map["paths"]?.sequence?.compactMap(\.string) ?? [], kinds: kinds,
                starterFiles: map["starter-files"]?.sequence?.compactMap(\.string) ?? [], reason: try string("reason"))
        case "rebuild-speedup":
            return RebuildSpeedupCheck(code: try string("code"), minimumRatio: try number("min-ratio"))
        case "no-vulnerabilities":
            guard let minimum = Severity(rawValue: try string("min-severity").uppercased()) else {
                throw .badExercise(slug: exercise, reason: "check \(index + 1): unknown severity")
            }
            return NoVulnerabilitiesCheck(
                minimum: minimum, under: map["under"]?.string ?? "", wholeImage: map["scope"]?.string == "image",
                required: map["packages"]?.sequence?.compactMap(\.string) ?? [])
        default:
            throw .badExercise(slug: exercise, reason: "check \(index + 1): unknown kind \(kind)")
        }
    }
}
