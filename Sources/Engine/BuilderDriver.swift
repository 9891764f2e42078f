import Foundation
import Spawn

/// A builder the gym can drive: the Docker engine with BuildKit first; buildah and podman behind the same shape.
public protocol BuilderDriver: Sendable {
    /// `docker`, `buildah`, `podman`.
    var name: String { get }
    /// The builder's version line, or throws when it does not answer.
    func version() throws(EngineError) -> String
    /// Builds, calling `onStep` as each step completes.
    func build(_ request: BuildRequest, onStep: ((BuildStep) -> Void)?) throws(EngineError) -> BuildResult
    /// Removes an image by id or tag (ignores a missing one).
    func removeImage(_ reference: String)
}

/// Finds the builders present on this machine, the Docker engine first.
public enum BuilderDetection {
    public static func available(engine: Engine = .local) -> [any BuilderDriver] {
        var drivers: [any BuilderDriver] = []
        if engine.answers { drivers.append(DockerBuilder(engine: engine)) }
        for name in ["buildah", "podman"] where Subprocess.executable(named: name) != nil {
            drivers.append(OCIBuilder(program: name))
        }
        return drivers
    }
}

extension BuilderDriver {
    /// Builds for the measurement alone (timings and steps), leaving no image behind: the image carries a
    /// unique scratch tag while it is built and loses it afterwards, so a measurement that builds again and
    /// again does not fill the engine with untagged images. An image that also carries a tag of the user's
    /// keeps it: only the scratch name is removed.
    public func buildForMeasurement(
        _ request: BuildRequest, onStep: ((BuildStep) -> Void)? = nil
    ) throws(EngineError) -> BuildResult {
        var request = request
        let tag = "gym-measurement:\(UUID().uuidString.lowercased())"
        request.tag = tag
        defer { removeImage(tag) }
        return try build(request, onStep: onStep)
    }
}

/// Drives `docker build` with BuildKit on an engine (`Engine.build`).
public struct DockerBuilder: BuilderDriver {
    public let name = "docker"
    public let engine: Engine

    public init(engine: Engine = .local) { self.engine = engine }

    public func version() throws(EngineError) -> String { try engine.version() }

    public func build(
        _ request: BuildRequest, onStep: ((BuildStep) -> Void)? = nil
    ) throws(EngineError)
        -> BuildResult
    {
        try engine.build(request, onStep: onStep)
    }

    public func removeImage(_ reference: String) { engine.removeImages([reference]) }
}
