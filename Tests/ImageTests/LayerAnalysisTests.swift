import Foundation
import TestSupport
import Testing

@testable import Image

/// Real images built by the engine, analysed with exact byte figures, in every format.
@Suite(
    "Layers of real images", .serialized, .dockerShared,
    .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
struct LayerAnalysisTests {
    static let base = "gym-local/debian:bookworm-slim"

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-layers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func analyze(_ path: String) throws -> ImageAnalysis {
        try ImageAnalyzer.analyze(try ImageSource.load(path)).0
    }

    @Test func wastefulImageAndEveryFormatAgree() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try ImageFixtures.build(
            "wasteful",
            dockerfile: """
                FROM \(Self.base)
                RUN head -c 100000000 /dev/urandom > /big.bin
                RUN rm /big.bin
                RUN mkdir -p /var/lib/apt/lists /var/cache/fake && head -c 1000000 /dev/urandom > /var/lib/apt/lists/fake_list && head -c 500000 /dev/urandom > /var/cache/fake/a.bin
                RUN rm -rf /var/lib/apt/lists/*
                RUN rm -rf /var/cache/fake && mkdir /var/cache/fake && echo x > /var/cache/fake/new
                RUN head -c 1000000 /dev/urandom > /data.bin
                RUN chmod 600 /data.bin
                """, in: dir)
        let analysis = try analyze(archive)
        #expect(analysis.layers.count == 8)
        #expect(analysis.layers[1].size == 100_000_000)
        #expect(analysis.layers[1].instruction == "RUN head -c 100000000 /dev/urandom > /big.bin")
        #expect(analysis.layers[2].removed == 1)
        #expect(analysis.reclaimableBytes == 102_500_000)
        let big = try #require(analysis.waste.first { $0.path == "big.bin" })
        #expect(big.bytes == 100_000_000 && big.addedBy == 1 && big.removedBy == 2 && big.how == "deleted")
        #expect(big.fix == "remove in the same RUN that creates it")
        let list = try #require(analysis.waste.first { $0.path == "var/lib/apt/lists/fake_list" })
        #expect(list.removedBy == 4 && list.fix.hasPrefix("apt lists cleanup"))
        let hidden = try #require(analysis.waste.first { $0.path == "var/cache/fake/a.bin" })
        #expect(hidden.how == "hidden by an opaque directory" && hidden.removedBy == 5)
        let chmod = try #require(analysis.waste.first { $0.path == "data.bin" })
        #expect(chmod.how == "overwritten" && chmod.fix.hasPrefix("COPY --chmod"))
        #expect(analysis.layers[7].modified == 1)
        // the filesystem as of layer 1 still holds big.bin; the final one does not
        let tree = try ImageAnalyzer.analyze(try ImageSource.load(archive)).1
        #expect(tree.files(afterLayer: 1).contains { $0.path == "big.bin" && $0.size == 100_000_000 })
        #expect(tree.file(at: "big.bin") == nil)
        #expect(Set(tree.files(afterLayer: 7).map(\.path)) == Set(tree.files.map(\.path)))

        let variants = try ImageFixtures.ociVariants(of: archive, in: dir)
        let legacy = try ImageFixtures.legacyArchive(from: variants[0], in: dir)
        for variant in variants + [legacy] {
            let other = try analyze(variant)
            #expect(other.layers.map(\.size) == analysis.layers.map(\.size), "\(variant)")
            #expect(other.waste == analysis.waste, "\(variant)")
            #expect(other.dive == analysis.dive, "\(variant)")
            #expect(other.reclaimableBytes == analysis.reclaimableBytes)
        }
        // every run gives the same answer
        #expect(try analyze(archive) == analysis)
    }

    @Test func fiftyThousandFilesAndFiveHundredDeletions() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try ImageFixtures.build(
            "many",
            dockerfile: """
                FROM \(Self.base)
                RUN mkdir /d && cd /d && i=1; while [ $i -le 50000 ]; do echo $i > f$i; i=$((i+1)); done
                RUN cd /d && i=1; while [ $i -le 500 ]; do rm f$i; i=$((i+1)); done
                """, in: dir)
        let analysis = try analyze(archive)
        #expect(analysis.layers[1].added == 50_000)
        #expect(analysis.layers[2].removed == 500)
        // f1..f9 hold 2 bytes, f10..f99 3 bytes, f100..f500 4 bytes
        #expect(analysis.reclaimableBytes == 9 * 2 + 90 * 3 + 401 * 4)
    }

    @Test func seventeenLayersOverwritingTheSameFiles() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs = (1...17).map { "RUN head -c 100000 /dev/urandom > /same.bin && echo \($0) > /count.txt" }.joined(
            separator: "\n")
        let archive = try ImageFixtures.build("overwrite", dockerfile: "FROM \(Self.base)\n" + runs, in: dir)
        let analysis = try analyze(archive)
        #expect(analysis.layers.count == 18)
        let sameWaste = analysis.waste.filter { $0.path == "same.bin" }.reduce(0) { $0 + $1.bytes }
        #expect(sameWaste == 16 * 100_000)
        // count.txt versions 1-16 are wasted: 9 of 2 bytes, 7 of 3 bytes
        #expect(analysis.reclaimableBytes == 16 * 100_000 + 9 * 2 + 7 * 3)
        // dive counts every copy of a path seen twice, the surviving one included: 17 of each
        #expect(analysis.dive.wastedBytes == 17 * 100_000 + 9 * 2 + 8 * 3)
    }

    @Test func theSameFileAddedTwiceInIdenticalLayers() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let payload = String(repeating: "gym layers\n", count: 10_000)  // 110,000 bytes
        let archive = try ImageFixtures.build(
            "twice", dockerfile: "FROM \(Self.base)\nCOPY payload.txt /payload.txt\nCOPY payload.txt /payload.txt\n",
            files: ["payload.txt": payload], in: dir)
        let analysis = try analyze(archive)
        #expect(analysis.layers.count == 3)
        #expect(analysis.layers[1].digest == analysis.layers[2].digest)
        #expect(analysis.layers[1].size == 110_000 && analysis.layers[2].size == 110_000)
        #expect(analysis.reclaimableBytes == 110_000)
        #expect(analysis.dive.wastedBytes == 220_000)  // dive counts the surviving copy too
        // the legacy layout stores the repeated layer once and links it: both layers still count
        let layout = try ImageFixtures.ociVariants(of: archive, in: dir)[0]
        let legacy = try analyze(try ImageFixtures.legacyArchive(from: layout, in: dir))
        #expect(legacy.layers.map(\.size) == analysis.layers.map(\.size))
        #expect(legacy.reclaimableBytes == 110_000)
    }

    @Test func corruptBlobsAreCaughtUnlessVerificationIsOff() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try ImageFixtures.build(
            "corrupt", dockerfile: "FROM \(Self.base)\nRUN echo original > /file.txt\n", in: dir)
        let layout = try ImageFixtures.ociVariants(of: archive, in: dir)[0]
        let manifest = try ImageFixtures.json(
            ImageFixtures.blob(
                layout,
                (try ImageFixtures.json(layout + "/index.json")["manifests"] as! [[String: Any]])[0]["digest"]
                    as! String))
        let last = (manifest["layers"] as! [[String: Any]]).last!["digest"] as! String
        // flip "original" to "0riginal" inside the layer tar: same size, different bytes
        try ImageFixtures.shell("sed -i 's/original/0riginal/' '\(ImageFixtures.blob(layout, last))'")
        do {
            _ = try analyze(layout)
            Issue.record("expected a digest mismatch")
        } catch let error as ImageError {
            guard case .digestMismatch = error else { Issue.record("\(error)"); return }
        }
        let unverified = try ImageAnalyzer.analyze(try ImageSource.load(layout), verify: false).0
        #expect(unverified.layers.count == 2)
        // the same flip inside the docker-archive itself: the whole-blob hash (run beside the header walk) sees it
        try ImageFixtures.shell("sed -i 's/original/0riginal/' '\(archive)'")
        do {
            _ = try analyze(archive)
            Issue.record("expected a digest mismatch in the archive")
        } catch let error as ImageError {
            guard case .digestMismatch(let what, _, _) = error, what.hasPrefix("layer") else {
                Issue.record("\(error)")
                return
            }
        }
        #expect(try ImageAnalyzer.analyze(try ImageSource.load(archive), verify: false).0.layers.count == 2)
    }

    @Test func platformSelectionFromAnIndex() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let archive = try ImageFixtures.build("platform", dockerfile: "FROM \(Self.base)\nRUN echo hi > /hi\n", in: dir)
        let layout = try ImageFixtures.ociVariants(of: archive, in: dir)[0]
        var index = try ImageFixtures.json(layout + "/index.json")
        var manifests = index["manifests"] as! [[String: Any]]
        var amd = manifests[0]
        amd["platform"] = ["os": "linux", "architecture": "amd64"]
        var arm = manifests[0]
        arm["platform"] = ["os": "linux", "architecture": "arm64", "variant": "v8"]
        manifests = [amd, arm]
        index["manifests"] = manifests
        try JSONSerialization.data(withJSONObject: index).write(to: URL(fileURLWithPath: layout + "/index.json"))
        #expect(try ImageSource.load(layout, platform: "linux/arm64/v8").layers.count == 2)
        #expect(try ImageSource.load(layout, platform: "linux/amd64").layers.count == 2)
        #expect(throws: ImageError.platform(requested: "linux/s390x", available: ["linux/amd64", "linux/arm64/v8"])) {
            try ImageSource.load(layout, platform: "linux/s390x")
        }
    }
}
