import ArgumentParser
import Foundation
import Image

/// `gym layers`: what each layer of an image costs, what is wasted, which instruction did it, and the fix.
struct LayersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layers",
        abstract: "Show what each image layer costs, what is wasted and which instruction did it, with the fix.",
        discussion: """
            IMAGE is a docker-archive tar (docker save), an OCI layout directory or tar, or an image name in the \
            local engine. Layers may be uncompressed, gzip or zstd; blob digests and diff ids are verified.

            Waste is the bytes stored in layers that the final filesystem does not have (overwritten, deleted, \
            or hidden by an opaque directory), each attributed to the layer that added it and the one that \
            removed it. dive's efficiency, wasted bytes and user wasted percent are shown beside ours, computed \
            by dive's definitions (which also count the surviving copy of a duplicated file).

            CI gates (exit 1 when one fails, 2 when the tool fails): --lowest-efficiency, --highest-wasted-bytes, \
            --highest-user-wasted-percent, --max-size; or a .dive-ci file (dive's keys).

            Examples:
              gym layers myapp:latest
              gym layers image.tar --top 10
              gym layers image.tar --diff 3
              gym layers image.tar --tree
              gym layers oci-dir --platform linux/arm64 --format json
              gym layers myapp:latest --lowest-efficiency 0.95 --highest-wasted-bytes 20MB
            """
    )

    @Argument(help: "docker-archive tar, OCI layout directory or tar, or an image name in the engine.")
    var image: String

    @Option(help: "Platform to pick from a multi-platform index (os/arch[/variant]).")
    var platform: String?

    @Option(help: "Show the largest K files of the final image.")
    var top: Int?

    @Option(help: "Show what layer N added, modified and removed.")
    var diff: Int?

    @Option(help: "Show the file tree after layer N to depth 3 (--tree alone or -1: the final image).")
    var tree: Int?

    /// `--tree` given without a layer number means the final image; `--tree -1` is read as a value, not as an
    /// option named `-1`.
    static func fillingBareTree(_ arguments: [String]) -> [String] {
        guard arguments.first == configuration.commandName else { return arguments }
        var filled: [String] = []
        var i = 0
        while i < arguments.count {
            if arguments[i] == "--tree" {
                if i + 1 < arguments.count, let layer = Int(arguments[i + 1]) {
                    filled.append("--tree=\(layer)")
                    i += 2
                } else {
                    filled.append("--tree=-1")
                    i += 1
                }
                continue
            }
            filled.append(arguments[i])
            i += 1
        }
        return filled
    }

    @Flag(help: "Skip blob digest and diff id verification.")
    var noVerify = false

    @Option(help: "Fail when dive's efficiency is below this (0-1).")
    var lowestEfficiency: Double?

    @Option(help: "Fail when dive's wasted bytes exceed this (bytes, or 20MB, 1.5GB).")
    var highestWastedBytes: String?

    @Option(help: "Fail when dive's user wasted percent exceeds this (0-1).")
    var highestUserWastedPercent: Double?

    @Option(help: "Fail when the image is larger than this (bytes, or 200MB).")
    var maxSize: String?

    @Option(help: "dive CI rules file (default: .dive-ci in the current directory when present).")
    var ciConfig: String?

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    func run() throws {
        let analysis: ImageAnalysis
        let tree: FileTree
        let loaded = try ImageSource.load(image, platform: platform)
        (analysis, tree) = try ImageAnalyzer.analyze(loaded, verify: !noVerify)
        let gates = try loadGates()
        if format == .json {
            Output.out(try Output.json(analysis))
        } else {
            Output.out(LayersRenderer.render(analysis, tree: tree, top: top, diff: diff, treeLayer: self.tree))
        }
        let failures = gates.failures(analysis)
        for failure in failures { Output.err("gate failed: \(failure)") }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    func loadGates() throws -> LayerGates {
        var gates = LayerGates()
        let path = ciConfig ?? (FileManager.default.fileExists(atPath: ".dive-ci") ? ".dive-ci" : nil)
        if let path {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw CommandFailure("cannot read \(path)")
            }
            do {
                gates = try LayerGates(diveCI: text)
            } catch {
                throw CommandFailure("\(path): \(error)")
            }
        }
        if let v = lowestEfficiency { gates.lowestEfficiency = v }
        if let v = highestWastedBytes { gates.highestWastedBytes = try LayerGates.bytes(v) }
        if let v = highestUserWastedPercent { gates.highestUserWastedPercent = v }
        if let v = maxSize { gates.maxSize = try LayerGates.bytes(v) }
        return gates
    }
}

/// CI thresholds, from flags or dive's `.dive-ci` keys.
struct LayerGates {
    var lowestEfficiency: Double?
    var highestWastedBytes: Int64?
    var highestUserWastedPercent: Double?
    var maxSize: Int64?

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    init() {}

    /// `rules:` with `lowestEfficiency`, `highestWastedBytes`, `highestUserWastedPercent` (dive's format).
    init(diveCI text: String) throws {
        for rawLine in text.split(separator: "\n") {
            let line =
                rawLine.split(separator: "#", maxSplits: 1).first.map(String.init)?.trimmingCharacters(in: .whitespaces)
                ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                in: CharacterSet(charactersIn: "\"'"))
            if value.isEmpty || value == "disabled" { continue }
            switch key {
            case "rules": continue
            case "lowestEfficiency":
                guard let v = Double(value) else {
                    throw Invalid(description: "lowestEfficiency: \(value) is not a number")
                }
                lowestEfficiency = v
            case "highestWastedBytes": highestWastedBytes = try Self.bytes(value)
            case "highestUserWastedPercent":
                guard let v = Double(value) else {
                    throw Invalid(description: "highestUserWastedPercent: \(value) is not a number")
                }
                highestUserWastedPercent = v
            default: throw Invalid(description: "unknown key \(key)")
            }
        }
    }

    /// `20MB`, `1.5GB`, `1024` → bytes (decimal units, as dive).
    static func bytes(_ text: String) throws -> Int64 {
        let units: [(String, Double)] = [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("kB", 1e3), ("B", 1)]
        var number = text.trimmingCharacters(in: .whitespaces)
        var scale = 1.0
        for (suffix, factor) in units where number.uppercased().hasSuffix(suffix.uppercased()) {
            number = String(number.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            scale = factor
            break
        }
        guard let value = Double(number), value >= 0 else { throw Invalid(description: "\(text) is not a size") }
        return Int64(value * scale)
    }

    func failures(_ a: ImageAnalysis) -> [String] {
        var out: [String] = []
        if let v = lowestEfficiency, a.dive.efficiency < v {
            out.append(String(format: "efficiency %.4f is below %.4f", a.dive.efficiency, v))
        }
        if let v = highestWastedBytes, a.dive.wastedBytes > v {
            out.append("wasted bytes \(a.dive.wastedBytes) exceed \(v)")
        }
        if let v = highestUserWastedPercent, a.dive.userWastedPercent > v {
            out.append(String(format: "user wasted percent %.4f exceeds %.4f", a.dive.userWastedPercent, v))
        }
        if let v = maxSize, a.totalSize > v { out.append("image size \(a.totalSize) exceeds \(v)") }
        return out
    }
}
