import ArgumentParser
import Foundation
import Image
import Registry
import Scan

/// Options `gym scan` and `gym sbom` share: which image, and where the vulnerability records are.
struct ScanOptions: ParsableArguments {
    @Argument(
        help: "docker-archive tar, OCI layout directory or tar, an image name in the engine, or registry:REFERENCE.")
    var image: String

    @OptionGroup var registry: RegistryOptionGroup

    @Option(help: "Platform to pick from a multi-platform index (os/arch[/variant]).")
    var platform: String?

    @Flag(help: "Skip blob digest and diff id verification.")
    var noVerify = false

    /// Reads the image and its inventory.
    func inventory() throws -> Inventory {
        let loaded = try ImageLocator.load(
            image, source: registry.source, platform: platform, options: try registry.options(),
            progress: ProgressBar.pulling())
        let (analysis, tree) = try ImageAnalyzer.analyze(loaded, verify: !noVerify)
        return try Inventory.read(loaded, tree: tree, analysis: analysis)
    }
}
