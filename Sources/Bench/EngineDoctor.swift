import Engine
import Foundation

/// What `gym doctor` checks: the Docker engine and BuildKit, the image store, the base images the exercises
/// build on, and the optional builders (buildah, podman); each missing piece with what to do about it.
public enum EngineDoctor {
    /// One thing checked.
    public struct Check: Codable, Sendable, Equatable {
        public var name: String
        public var ok: Bool
        public var detail: String
        public var fix: String?
        /// Whether gym works without it (buildah, podman).
        public var optional: Bool

        public init(name: String, ok: Bool, detail: String, fix: String? = nil, optional: Bool = false) {
            self.name = name
            self.ok = ok
            self.detail = detail
            self.fix = fix
            self.optional = optional
        }
    }

    /// The images the exercises and tests build on: the local stand-ins and the public names they carry.
    public static let baseImages = [
        "gym-local/debian:bookworm-slim", "gym-local/python:3.11-slim", "gym-local/node:18", "gym-local/node:18-slim",
        "gym-local/golang:1.19", "golang:1.19",
        "python:3.11-slim", "node:18", "node:18-slim", "debian:bookworm-slim",
    ]

    /// Runs every check; the engine is usable when the first one (the engine) passed.
    public static func checks(engine: Engine = .local) -> [Check] {
        var checks: [Check] = []
        do {
            let version = try engine.version()
            let info = (try? engine.info()) ?? [:]
            checks.append(
                Check(
                    name: "docker engine", ok: true,
                    detail: "engine \(version) (\(info["operatingSystem"] ?? "?"), \(info["architecture"] ?? "?"))"))
            if let buildx = engine.buildxVersion() {
                checks.append(Check(name: "buildkit", ok: true, detail: "BuildKit through \(buildx)"))
            } else {
                checks.append(
                    Check(
                        name: "buildkit", ok: false,
                        detail: "no buildx plugin: docker build may use the legacy builder",
                        fix: "install docker-buildx (../shared/scripts/docker-engine.sh does)"))
            }
            checks.append(
                Check(
                    name: "image store", ok: true,
                    detail: "\(info["storageDriver"] ?? "?") at \(info["rootDir"] ?? "?")"))
            for image in baseImages {
                let present = engine.hasImage(image)
                let fix =
                    image.hasPrefix("gym-local/")
                    ? "run scripts/base-images.sh" : "run scripts/base-images.sh --public (local stand-ins)"
                checks.append(
                    Check(
                        name: "base image \(image)", ok: present, detail: present ? "present" : "missing",
                        fix: present ? nil : fix))
            }
        } catch {
            checks.append(
                Check(
                    name: "docker engine", ok: false, detail: "\(error)",
                    fix:
                        "start an engine: ../shared/scripts/docker-engine.sh (or install Docker), then re-run gym doctor"
                ))
        }
        for name in ["buildah", "podman"] {
            let found = BuilderDetection.available(engine: engine).first { $0.name == name }
            checks.append(
                Check(
                    name: name, ok: found != nil,
                    detail: found.flatMap { try? $0.version() } ?? "not installed (optional)",
                    optional: true))
        }
        return checks
    }

    /// Whether a Docker engine answered.
    public static func engineAnswered(_ checks: [Check]) -> Bool {
        checks.contains { $0.name == "docker engine" && $0.ok }
    }
}
