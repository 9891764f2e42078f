import Bench
import Dockerfile
import Engine
import Foundation
import Image

/// What the checks of one `gym check` share: the learner's workspace, and the image built from it (built
/// once, on first need, and analysed once).
public final class CheckContext: @unchecked Sendable {
    public let exercise: Exercise
    /// The learner's files.
    public let workspace: URL
    /// Reports long steps ("building the image ...") while checks run.
    public let progress: @Sendable (String) -> Void
    /// The engine every check builds, runs and inspects on (the local one, or a grading worker's).
    public let engine: Engine
    let builder: DockerBuilder
    /// The tag the learner's image gets while it is checked.
    public let tag: String
    private let lock = NSLock()
    private var built: Result<BuildResult, EngineError>?
    private var analysed: Result<(ImageAnalysis, FileTree), ImageError>?
    private var loaded: LoadedImage?

    public init(
        exercise: Exercise, workspace: URL, engine: Engine = .local,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.engine = engine
        builder = DockerBuilder(engine: engine)
        self.exercise = exercise
        self.workspace = workspace
        self.progress = progress
        // a tag of this check's own: two checks of one exercise at once (gym validate's parallel attempts, two
        // graders) never remove each other's image
        tag = "gym-check-\(exercise.slug):\(UUID().uuidString.lowercased().prefix(12))"
    }

    public var dockerfilePath: String { workspace.appendingPathComponent(exercise.dockerfile).path }

    /// The learner's Dockerfile, parsed as BuildKit parses it.
    public func dockerfile() throws(DockerfileError) -> Dockerfile {
        try Dockerfile.parse(contentsOfFile: dockerfilePath)
    }

    /// Whether a Docker engine answers.
    public var engineAvailable: Bool { engine.answers }

    /// The learner's image, built once (host network, so package installs can reach the mirror and PyPI).
    public func image() -> Result<BuildResult, EngineError> {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        progress("building \(exercise.dockerfile) with BuildKit ...")
        let request = BuildRequest(
            context: workspace.path, dockerfile: dockerfilePath, network: "host", tag: tag)
        let result = Result { () throws(EngineError) -> BuildResult in try builder.build(request) }
        built = result
        return result
    }

    /// The image every check measures: the one this check built, by the ID BuildKit wrote (never a tag, which
    /// anyone could point elsewhere meanwhile); the tag only when the build reported no ID.
    public var imageReference: String {
        if case .success(let built) = image(), let id = built.imageID, !id.isEmpty { return id }
        return tag
    }

    /// The built image, loaded from the engine (for reading files of its final filesystem).
    public func loadedImage() throws(ImageError) -> LoadedImage {
        let reference = imageReference  // builds first when needed (image() takes the lock itself)
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        let image = try ImageSource.load(reference, engine: engine)
        loaded = image
        return image
    }

    /// The built image's layers, waste and final filesystem (`gym layers` on it).
    public func analysis() -> Result<(ImageAnalysis, FileTree), ImageError>? {
        guard case .success = image() else { return nil }
        let reference = imageReference
        lock.lock()
        defer { lock.unlock() }
        if let analysed { return analysed }
        progress("reading the image's layers ...")
        let result = Result { () throws(ImageError) -> (ImageAnalysis, FileTree) in
            let image: LoadedImage
            if let loaded {
                image = loaded
            } else {
                image = try ImageSource.load(reference, engine: engine)
            }
            loaded = image
            return try ImageAnalyzer.analyze(image)
        }
        analysed = result
        return result
    }

    /// How many layers of the built image come from the final stage's base image (0 for `scratch`, nil when
    /// unknown): waste and packages in those layers are the base image's, not the learner's. The base is
    /// found however the FROM line names it (global ARGs expanded as BuildKit expands them, stage aliases
    /// followed, tags and digests asked of the engine), and then counted by effect: the base's layers count
    /// only when the built image really starts with all of them (the same diff IDs, in order), so a FROM
    /// naming an image the build did not start from makes nothing count as base.
    public func baseLayerCount() -> Int? { base()?.layers }

    /// The final stage's base as this build used it: its name and how many of the built image's bottom layers
    /// are the base's own (the engine's record: the base's diff IDs, when the image starts with them; else 0).
    public func base() -> (name: String, layers: Int)? {
        guard let name = try? dockerfile().finalBaseImage() else { return nil }
        if name.lowercased() == "scratch" { return (name, 0) }
        guard case .success = image(), let built = try? engine.layerDiffIDs(imageReference),
            let base = try? engine.layerDiffIDs(name)
        else { return nil }
        // a build FROM the base starts with every one of its layers; an image that does not was not built on
        // it, and then none of the image counts as base
        return (name, built.starts(with: base) ? base.count : 0)
    }

    /// Removes the image the checks built.
    public func cleanUp() {
        if built != nil { builder.removeImage(tag) }
    }
}
