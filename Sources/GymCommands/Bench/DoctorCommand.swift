import ArgumentParser
import Bench
import Foundation
import Rendering

/// `gym doctor`: is there a builder, which one, and are the exercises' base images here.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the builder, BuildKit, the image store and the base images the exercises use.",
        discussion:
            "Exit status 0 when a Docker engine with BuildKit answers, 1 otherwise; each missing piece says what to do."
    )

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    static let baseImages = [
        "gym-local/debian:bookworm-slim", "gym-local/python:3.11-slim", "gym-local/node:18", "gym-local/node:18-slim",
        "gym-local/golang:1.19", "golang:1.19",
        "python:3.11-slim", "node:18", "node:18-slim", "debian:bookworm-slim",
    ]

    struct Check: Encodable {
        var name: String
        var ok: Bool
        var detail: String
        var fix: String?
    }

    func run() throws {
        var checks: [Check] = []
        let docker = DockerBuilder()
        var engineOK = false
        do {
            let version = try docker.version()
            engineOK = true
            let info = docker.info()
            checks.append(
                Check(
                    name: "docker engine", ok: true,
                    detail: "engine \(version) (\(info["operatingSystem"] ?? "?"), \(info["architecture"] ?? "?"))"))
            if let buildx = docker.buildxVersion() {
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
            for image in Self.baseImages {
                let present = docker.hasImage(image)
                checks.append(
                    Check(
                        name: "base image \(image)", ok: present, detail: present ? "present" : "missing",
                        fix: present
                            ? nil
                            : (image.hasPrefix("gym-local/")
                                ? "run scripts/base-images.sh"
                                : "run scripts/base-images.sh --public (local stand-ins)")))
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
            let found = BuilderDetection.available().first { $0.name == name }
            checks.append(
                Check(
                    name: name, ok: found != nil,
                    detail: found.flatMap { try? $0.version() } ?? "not installed (optional)"))
        }
        if format == .json {
            Output.out(try JSONText.encode(checks))
        } else {
            for check in checks {
                let mark = check.ok ? "ok  " : (check.name == "buildah" || check.name == "podman" ? "--  " : "MISS")
                Output.out("\(mark) \(check.name): \(check.detail)" + (check.fix.map { "\n     → \($0)" } ?? ""))
            }
        }
        if !engineOK { throw ExitCode(1) }
    }
}
