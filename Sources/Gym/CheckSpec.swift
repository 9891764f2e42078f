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
        case "dockerfile-parses":
            return DockerfileParsesCheck()
        case "dependencies-cached":
            return DependenciesCachedCheck(code: try string("code"), manifest: try string("manifest"))
        case "rebuilds-offline":
            return RebuildsOfflineCheck(code: try string("code"))
        case "image-runs":
            return ImageRunsCheck(
                command: map["command"]?.sequence?.compactMap(\.string) ?? [], expect: try string("expect"))
        case "image-size":
            return ImageSizeCheck(maximumMegabytes: try number("max-mb"))
        case "image-waste":
            return ImageWasteCheck(maximumMegabytes: try number("max-mb"))
        case "image-lacks":
            return ImageLacksCheck(
                paths: map["paths"]?.sequence?.compactMap(\.string) ?? [], reason: try string("reason"))
        case "rebuild-speedup":
            return RebuildSpeedupCheck(code: try string("code"), minimumRatio: try number("min-ratio"))
        case "no-vulnerabilities":
            guard let minimum = Severity(rawValue: try string("min-severity").uppercased()) else {
                throw .badExercise(slug: exercise, reason: "check \(index + 1): unknown severity")
            }
            return NoVulnerabilitiesCheck(
                minimum: minimum, under: try string("under"),
                required: map["packages"]?.sequence?.compactMap(\.string) ?? [])
        default:
            throw .badExercise(slug: exercise, reason: "check \(index + 1): unknown kind \(kind)")
        }
    }
}
