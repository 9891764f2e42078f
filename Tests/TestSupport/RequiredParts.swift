import Foundation

/// The parts some suites need (an engine, a registry, PostgreSQL, a browser, ../shared) and whether a run may
/// skip those suites when a part is missing. On a bare machine `swift test` skips them with a message; with
/// `GYM_TEST_REQUIRE_ALL=1` (`.ci/run` sets it) every gate opens, so a suite whose part is missing runs and
/// fails instead of passing by skipping, and `RequiredPartsTests` names each part that is missing.
public enum RequiredParts {
    /// The environment variable that turns a missing part from a skip into a failure.
    public static let variable = "GYM_TEST_REQUIRE_ALL"

    /// Whether this run must not skip: `GYM_TEST_REQUIRE_ALL` is set to anything but empty or `0`.
    public static func enforced(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let value = environment[variable] else { return false }
        return !value.isEmpty && value != "0"
    }

    /// A suite's gate: open when its part is present, and always open when skipping is not allowed.
    public static func gate(
        present: Bool, environment: [String: String] = ProcessInfo.processInfo.environment
    )
        -> Bool
    {
        present || enforced(environment)
    }

    /// Every part the gated suites use, with whether it is present on this machine.
    public static var parts: [(name: String, present: Bool, howToGet: String)] {
        [
            (
                "a Docker engine with the stand-in base images", DockerEngine.isPresent,
                "../shared/scripts/docker-engine.sh && scripts/base-images.sh --public"
            ),
            ("Debian's docker-registry", LoopbackRegistry.isPresent, "apt-get install docker-registry"),
            ("skopeo", LoopbackRegistry.skopeoPresent, "apt-get install skopeo"),
            (
                "PostgreSQL (GYM_TEST_POSTGRES)", LoopbackPostgres.isPresent,
                "export GYM_TEST_POSTGRES=$(scripts/postgres.sh start)"
            ),
            ("Debian's chromium", HeadlessChromium.isPresent, "apt-get install chromium"),
            ("../shared (the course's data)", SharedData.isPresent, "check out ../shared beside the repository"),
            ("a second engine (root and dockerd)", SecondEngine.isPresent, "run as root after docker-engine.sh"),
            (
                "a fenced engine (root, socat, iproute2)", FencedEngine.isPresent,
                "apt-get install socat iproute2; run as root"
            ),
        ]
    }

    /// The parts that are missing, each with how to get it.
    public static var missing: [String] { parts.filter { !$0.present }.map { "\($0.name): \($0.howToGet)" } }
}
