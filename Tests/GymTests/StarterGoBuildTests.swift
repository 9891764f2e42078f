import Engine
import Foundation
import Scan
import TestSupport
import Testing

@testable import Gym

/// The grader compiles the Go starter itself, the way the learner's binary records it was built, and
/// compares the main package's code: the starter built with any flags in any directory is the starter; another
/// program under the starter's module name is not.
@Suite(
    "The Go starter, rebuilt to compare", .dockerShared,
    .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
struct StarterGoBuildTests {
    static func rebuild() throws -> (StarterGoBuild, String) {
        let exercise = try ExerciseCatalog.standard().exercise("multistage-build")
        let source = try String(
            contentsOf: exercise.starter.appendingPathComponent("main.go"), encoding: .utf8)
        return (StarterGoBuild(toolchain: "golang:1.19", starter: exercise.starter), source)
    }

    static func compare(_ rebuild: StarterGoBuild, _ binary: [UInt8]) throws -> Result<String, StarterGoBuild.Mismatch>
    {
        let info = try #require(GoBuildInfo.parse(binary))
        return rebuild.compare(binary, info: info, on: .local, progress: { _ in })
    }

    @Test(arguments: [("", "/src"), ("-trimpath -ldflags=\"-s -w\"", "/work/app"), ("-ldflags=-s", "/go/src/hello")])
    func theStarterBuiltAnyWayIsTheStarter(flags: String, directory: String) throws {
        let (rebuild, source) = try Self.rebuild()
        let binary = try GoProgram.compile(source, flags: flags, directory: directory)
        let outcome = try Self.compare(rebuild, binary)
        #expect((try? outcome.get())?.contains("the starter's code, byte for byte") == true, "\(outcome)")
    }

    @Test func anotherProgramUnderTheStartersNameIsNot() throws {
        let (rebuild, _) = try Self.rebuild()
        let binary = try GoProgram.compile(GoProgram.rewritten, flags: "-ldflags=\"-s -w\"")
        guard case .failure(let mismatch) = try Self.compare(rebuild, binary) else {
            Issue.record("a rewritten program passed as the starter")
            return
        }
        #expect(mismatch.reason.contains("is not the starter's program"), "\(mismatch.reason)")
    }

    @Test func theRebuildRunsNoRecordedValueThroughAShell() throws {
        let (rebuild, _) = try Self.rebuild()
        var info = GoBuildInfo(goVersion: "go1.19.8", path: "example.com/hello", modules: [])
        info.settings = [("-ldflags", "-X main.a=$(id) \"; rm -rf /"), ("CGO_ENABLED", "0")]
        let dockerfile = try rebuild.rebuildDockerfile(info: info, files: ["/src/main.go"]).get()
        #expect(dockerfile.contains(#"RUN ["go", "build", "-buildvcs=false", "-ldflags=-X main.a=$(id) \"; rm -rf /""#))
        info.settings = [("CGO_ENABLED", "0; curl example.org")]
        #expect(throws: StarterGoBuild.Mismatch.self) { try rebuild.rebuildDockerfile(info: info, files: []).get() }
        info.settings = [("CGO_ENABLED", "0")]
        #expect(throws: StarterGoBuild.Mismatch.self, "a directory that is not a plain path") {
            try rebuild.rebuildDockerfile(info: info, files: ["/src dir\"; x/main.go"]).get()
        }
    }
}
