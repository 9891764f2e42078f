import Foundation
import TestSupport
import Testing

@testable import Engine

/// An engine value's own labels go on every image it builds and every container it runs, beside gym's: what
/// one run made is found by its label on an engine other runs share.
@Suite struct EngineLabelTests {
    static let run = "org.containergym.test-run=labels"

    /// The build and run lines carry gym's label, then the engine's own.
    @Test func buildAndRunLinesCarryTheEngineLabels() throws {
        let recorded = RecordedEngine([.on("build"), .on("run", output: "id\n")])
        let engine = recorded.engine.labelling(Self.run)
        _ = try engine.build(BuildRequest(context: "/ctx", dockerfile: "/ctx/Dockerfile", tag: "t"))
        _ = try engine.run(ContainerRequest(image: "t"))
        try engine.start(ContainerRequest(image: "t"))
        #expect(recorded.commands.count == 3)
        for command in recorded.commands {
            let labels = zip(command, command.dropFirst()).filter { $0.0 == "--label" }.map(\.1)
            #expect(labels == [Engine.createdByLabel, Self.run], "\(command)")
        }
        // an engine with no labels of its own puts only gym's
        let plain = RecordedEngine([.on("run")])
        _ = try plain.engine.run(ContainerRequest(image: "t"))
        #expect(plain.commands.first?.filter { $0.hasPrefix("org.containergym.") } == [Engine.createdByLabel])
    }

    /// On the real engine, the built image carries the label and is found by it, and only it.
    @Test(.dockerShared, .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
    func theBuiltImageIsFoundByItsLabel() throws {
        let token = UUID().uuidString
        let run = "org.containergym.test-run=\(token)"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-label-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "FROM gym-local/debian:bookworm-slim\nRUN echo \(UUID().uuidString) > /mark\n".write(
            to: dir.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        #expect(try DockerEngine.imageIDs(label: run).isEmpty)
        let engine = Engine.local.labelling(run)
        let built = try engine.build(
            BuildRequest(context: dir.path, dockerfile: dir.appendingPathComponent("Dockerfile").path))
        let id = try #require(built.imageID)
        defer { _ = engine.removeImages([id]) }
        #expect(try DockerEngine.imageIDs(label: run) == [id])
        #expect(try engine.inspectImage(id, format: "{{index .Config.Labels \"org.containergym.test-run\"}}") == token)
    }
}
