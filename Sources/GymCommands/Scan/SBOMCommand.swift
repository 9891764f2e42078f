import ArgumentParser
import Rendering
import Scan

/// `gym sbom IMAGE`: the image's packages as a CycloneDX bill of materials.
struct SBOMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sbom",
        abstract: "List an image's installed packages as a CycloneDX 1.5 JSON bill of materials.",
        discussion: """
            The same inventory gym scan matches: Debian packages (with their source package), Python \
            distributions and npm packages, each with its package URL.

            Example: gym sbom myapp:latest > myapp.cdx.json
            """)

    @OptionGroup var scan: ScanOptions

    func run() throws {
        let inventory = try scan.inventory()
        Output.out(
            try JSONText.encode(CycloneDX(image: scan.image, inventory: inventory, toolVersion: GymCommand.version)))
    }
}
