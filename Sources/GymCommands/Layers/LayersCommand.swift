import ArgumentParser
import Foundation
import Image
import LayerExplorer
import Registry
import Terminal

/// `gym layers`: what each layer of an image costs, what is wasted, which instruction did it, and the fix.
struct LayersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layers",
        abstract: "Show what each image layer costs, what is wasted and which instruction did it, with the fix.",
        discussion: """
            IMAGE is a docker-archive tar (docker save), an OCI layout directory or tar, an image name in the \
            local engine, or an image in a registry (registry:REFERENCE or --source registry; pulled into gym's \
            blob store first, see gym pull). Layers may be uncompressed, gzip or zstd; blob digests and diff ids are verified.

            Waste is the bytes stored in layers that the final filesystem does not have (overwritten, deleted, \
            or hidden by an opaque directory), each attributed to the layer that added it and the one that \
            removed it. dive's efficiency, wasted bytes and user wasted percent are shown beside ours, computed \
            by dive's definitions (which also count the surviving copy of a duplicated file).

            --interactive (-i) explores the image as dive does, in two panes: the layers (size and instruction) \
            and the file tree after the selected layer, with what that layer added (+), modified (~) and removed \
            (-) and its wasted files marked. Keys: Tab switches pane; Up/Down (j/k) move; [ and ] change layer; \
            Left/Right or Space fold a directory; / filters by path; c shows only the layer's changes; C and E \
            fold and unfold all; q quits. When standard input or output is not a terminal it prints the report.

            CI gates (exit 1 when one fails, 2 when the tool fails): --lowest-efficiency, --highest-wasted-bytes, \
            --highest-user-wasted-percent, --max-size; or a .dive-ci file (dive's keys).

            Examples:
              gym layers myapp:latest
              gym layers image.tar --top 10
              gym layers image.tar --diff 3
              gym layers image.tar --tree
              gym layers myapp:latest --interactive
              gym layers oci-dir --platform linux/arm64 --format json
              gym layers registry:127.0.0.1:5000/team/app:1.0
              gym layers myapp:latest --lowest-efficiency 0.95 --highest-wasted-bytes 20MB
            """
    )

    @Argument(
        help: "docker-archive tar, OCI layout directory or tar, an image name in the engine, or registry:REFERENCE.")
    var image: String

    @OptionGroup var registry: RegistryOptionGroup

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

    @Flag(name: .shortAndLong, help: "Explore the layers and their file trees in the terminal, as dive does.")
    var interactive = false

    @Flag(
        help:
            "Skip blob digest and diff id verification (a blob verified before, its file unchanged since, is not hashed again anyway)."
    )
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

    func run() async throws {
        let analysis: ImageAnalysis
        let tree: FileTree
        let loaded = try await ImageLocator.load(
            image, source: registry.source, platform: platform, options: try registry.options(),
            progress: ProgressBar.pulling())
        (analysis, tree) = try ImageAnalyzer.analyze(loaded, verify: !noVerify, remembered: .ofThisUser)
        let gates = try loadGates()
        if interactive && format == .tty && TerminalSession.isInteractive {
            try LayerExplorer.explore(name: image, analysis: analysis, tree: tree)
            return
        }
        Output.out(
            try format == .json
                ? LayersReporter.json(analysis)
                : LayersReporter.text(analysis, tree: tree, top: top, diff: diff, treeLayer: self.tree))
        let failures = gates.failures(analysis)
        for failure in failures { Output.err("gate failed: \(failure)") }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    func loadGates() throws -> LayerGates {
        var gates = LayerGates()
        if let path = ciConfig ?? (FileManager.default.fileExists(atPath: ".dive-ci") ? ".dive-ci" : nil) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw CommandFailure("cannot read \(path)")
            }
            gates = try LayerGates(diveCI: text, file: path)
        }
        if let v = lowestEfficiency { gates.lowestEfficiency = v }
        if let v = highestWastedBytes { gates.highestWastedBytes = try Self.size(v, option: "--highest-wasted-bytes") }
        if let v = highestUserWastedPercent { gates.highestUserWastedPercent = v }
        if let v = maxSize { gates.maxSize = try Self.size(v, option: "--max-size") }
        return gates
    }

    static func size(_ text: String, option: String) throws -> Int64 {
        guard let bytes = LayerGates.bytes(text) else {
            throw ValidationError("\(option) \(text): expected bytes, or a size such as 20MB or 1.5GB")
        }
        return bytes
    }
}
