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

    /// Trivy's subcommand form, `gym scan image REF`: the image is the second word.
    @Argument(
        help: ArgumentHelp("The image, after the word `image` (Trivy's form: gym scan image REF).", visibility: .hidden)
    )
    var trivyTarget: String?

    @OptionGroup var registry: RegistryOptionGroup

    @Option(help: "Platform to pick from a multi-platform index (os/arch[/variant]).")
    var platform: String?

    @Flag(
        help:
            "Skip blob digest and diff id verification (a blob verified before, its file unchanged since, is not hashed again anyway)."
    )
    var noVerify = false

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No progress and no warnings on standard error.")
    var quiet = false

    @Flag(help: "No progress bar (as Trivy's --no-progress).")
    var noProgress = false

    func validate() throws {
        if let trivyTarget, image != "image" {
            throw ValidationError("one image at a time: \(image) and \(trivyTarget) (Trivy's form is `image REF`)")
        }
    }

    /// The image to read: the argument, or the second word of `image REF`.
    var target: String { trivyTarget ?? image }

    /// Whether the command was typed in Trivy's form (`image REF`): then `-f json` means Trivy's JSON.
    var trivyForm: Bool { trivyTarget != nil }

    /// Reads the image and its inventory.
    func inventory() async throws -> Inventory {
        let silent: @Sendable (PullProgress) -> Void = { _ in }
        let verify = !noVerify
        return try await ImageLocator.read(
            target, source: registry.source, platform: platform, options: try registry.options(),
            progress: quiet || noProgress ? silent : ProgressBar.pulling()
        ) { image in
            try Inventory.read(image, verify: verify, remembered: .ofThisUser).inventory
        }
    }
}
