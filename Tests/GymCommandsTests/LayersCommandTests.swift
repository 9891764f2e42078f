import Foundation
import TestSupport
import Testing

/// `gym layers` end to end: an image from the engine, JSON, gates and .dive-ci.
@Suite(
    "layers command", .serialized, .dockerShared, .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
struct LayersCommandTests {
    static func buildWasteful() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-layers-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "FROM gym-local/debian:bookworm-slim\nRUN head -c 2000000 /dev/urandom > /x.bin\nRUN rm /x.bin\n".write(
            to: dir.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker", "build", "-q", "--network=none", "-t", "gym-cli-wasteful:latest", dir.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return "gym-cli-wasteful:latest"
    }

    @Test func jsonFromTheEngineAndGates() throws {
        let image = try Self.buildWasteful()
        let json = try GymBinary.run(["layers", image, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        for key in ["layers", "totalSize", "reclaimableBytes", "waste", "dive"] {
            #expect(report[key] != nil, "\(key)")
        }
        let layers = try #require(report["layers"] as? [[String: Any]])
        for key in ["index", "digest", "instruction", "size", "added", "modified", "removed"] {
            #expect(layers.allSatisfy { $0[key] != nil }, "\(key)")
        }
        #expect(report["reclaimableBytes"] as? Int == 2_000_000)
        let waste = try #require((report["waste"] as? [[String: Any]])?.first)
        for key in ["path", "bytes", "addedBy", "removedBy", "fix"] { #expect(waste[key] != nil, "\(key)") }
        let dive = try #require(report["dive"] as? [String: Any])
        #expect(dive["efficiency"] is Double && dive["wastedBytes"] is Int && dive["userWastedPercent"] is Double)

        let failing = try GymBinary.run(["layers", image, "--highest-wasted-bytes", "1MB"])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("gate failed: wasted bytes"))
        #expect(
            try GymBinary.run(["layers", image, "--highest-wasted-bytes", "10MB", "--lowest-efficiency", "0.5"]).status
                == 0)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-diveci-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ci = dir.appendingPathComponent(".dive-ci").path
        try "rules:\n  lowestEfficiency: 0.999\n  highestWastedBytes: disabled\n".write(
            toFile: ci, atomically: true, encoding: .utf8)
        let gated = try GymBinary.run(["layers", image, "--ci-config", ci])
        #expect(gated.status == 1)
        #expect(gated.stderr.contains("efficiency"))
        let tty = try GymBinary.run(["layers", image, "--top", "3", "--diff", "2"])
        #expect(tty.stdout.contains("RUN rm /x.bin"))
        #expect(tty.stdout.contains("fix: remove in the same RUN that creates it"))
        #expect(tty.stdout.contains("layer 2 changes:\n  - 2.0 MB     /x.bin"))
        // --tree alone is the final image, as is --tree -1; --tree 1 still has the file layer 2 deleted
        let final = try GymBinary.run(["layers", image, "--tree"])
        #expect(final.status == 0, "\(final.stderr)")
        #expect(final.stdout.contains("tree of the final image to depth 3:"))
        #expect(try GymBinary.run(["layers", image, "--tree", "-1"]).stdout == final.stdout)
        let afterOne = try GymBinary.run(["layers", image, "--tree", "1"])
        #expect(afterOne.stdout.contains("tree after layer 1 to depth 3:"))
        #expect(afterOne.stdout.contains("\n    x.bin  2.0 MB  (layer 1)\n"))
        #expect(!final.stdout.contains("x.bin  2.0 MB  (layer 1)"))
    }

    /// dive's two panes in a real terminal (tmux) on a real image: the layers, the deleting layer's removed
    /// file marked and wasted, changes only, a filter, a resize redrawn to the new size, and q giving the
    /// terminal back as it was (main screen, canonical mode, echo). Without a terminal, the static report.
    @Test func interactiveInATerminal() throws {
        let image = try Self.buildWasteful()
        let pane = try TmuxPane(width: 120, height: 30)
        try pane.type("'\(GymBinary.executable.path)' layers \(image) --interactive; echo EXIT=$?")
        var screen = try pane.wait {
            $0.joined().contains("RUN rm /x.bin") && $0.joined().contains("Files after layer 0")
        }
        #expect(screen.first?.contains("\(image) · 3 layers") == true, "\(screen.joined(separator: "\n"))")
        #expect(try pane.format("#{alternate_on}") == "1")
        try pane.send("]", "]")
        screen = try pane.wait { $0.joined().contains("Files after layer 2  +0 ~0 -1") }
        #expect(screen.joined().contains("Files after layer 2  +0 ~0 -1"), "\(screen.joined(separator: "\n"))")
        // the file pane is right of the first │; changes only: the deleting layer's one removed file
        func filePane(_ line: String) -> Substring { line.firstIndex(of: "│").map { line[$0...] } ?? "" }
        try pane.send("c")
        screen = try pane.wait { $0.joined().contains("[changes only]") }
        let removed = try #require(
            screen.map(filePane).first { $0.contains("x.bin") }, "\(screen.joined(separator: "\n"))")
        #expect(removed.contains("│-") && removed.contains("2.0 MB") && removed.contains("wasted"), "\(removed)")
        #expect(
            !screen.map(filePane).contains { $0.hasPrefix("│+") || $0.hasPrefix("│~") },
            "\(screen.joined(separator: "\n"))"
        )
        try pane.send("/", "x", ".", "b", "Enter")
        screen = try pane.wait { $0.joined().contains("[filter: x.b]") }
        try pane.resize(width: 90, height: 20)
        screen = try pane.wait { $0.first?.count ?? 0 <= 90 && $0.joined().contains("[changes only]") }
        #expect(screen.count == 20 && screen.allSatisfy { $0.count <= 90 }, "\(screen.joined(separator: "\n"))")
        #expect(screen.map(filePane).contains { $0.contains("x.bin") })
        try pane.send("q")
        // a line of its own (the typed command holds "EXIT=" too)
        screen = try pane.wait { $0.contains { $0.hasPrefix("EXIT=") } }
        #expect(screen.contains("EXIT=0"), "\(screen.joined(separator: "\n"))")
        #expect(try pane.format("#{alternate_on}") == "0")
        try pane.type(
            "stty -a | tr ' ' '\\n' | grep -x -e -icanon -e icanon -e -echo -e echo | sort | tr '\\n' ,; echo")
        screen = try pane.wait { $0.contains { $0.hasSuffix(",") && !$0.contains("stty") } }
        #expect(screen.contains("echo,icanon,"), "\(screen.joined(separator: "\n"))")

        // not a terminal: the static report
        let piped = try GymBinary.run(["layers", image, "--interactive"])
        #expect(piped.status == 0)
        #expect(piped.stdout.contains("RUN rm /x.bin") && !piped.stdout.contains("\u{1B}["))
    }

    @Test func missingImageIsAToolError() throws {
        let run = try GymBinary.run(["layers", "no-such-image-gym:nope"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no image"))
    }
}
