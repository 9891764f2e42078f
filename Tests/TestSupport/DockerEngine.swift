import Foundation
import Testing

/// Whether a Docker engine with the local stand-in base images answers; Docker-backed suites are gated on it.
public enum DockerEngine {
    public static let isAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker", "image", "inspect", "gym-local/python:3.11-slim"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    public static let skipMessage: Comment = "needs a Docker engine and scripts/base-images.sh (.ci/run starts both)"
}
