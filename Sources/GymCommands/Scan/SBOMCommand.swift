import ArgumentParser
import Rendering
import Scan

/// `gym sbom IMAGE`: the image's packages as a CycloneDX or SPDX bill of materials.
struct SBOMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sbom",
        abstract: "List an image's installed packages as a CycloneDX 1.5 or SPDX 2.3 JSON bill of materials.",
        discussion: """
            The same inventory gym scan matches: Debian, Ubuntu and Alpine packages (with their source \
            package), Python distributions, npm packages and Go modules, each with its package URL.

            Examples:
              gym sbom myapp:latest > myapp.cdx.json
              gym sbom myapp:latest --format spdx > myapp.spdx.json
            """)

    @OptionGroup var scan: ScanOptions

    /// The bill of materials' format.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case cyclonedx, spdx
    }

    @Option(help: "cyclonedx (CycloneDX 1.5 JSON) or spdx (SPDX 2.3 JSON).")
    var format: Format = .cyclonedx

    func run() async throws {
        let inventory = try await scan.inventory()
        switch format {
        case .cyclonedx:
            Output.out(
                try JSONText.encode(
                    CycloneDX(image: scan.target, inventory: inventory, toolVersion: GymCommand.version))
            )
        case .spdx:
            Output.out(
                try JSONText.encode(
                    SPDXDocument(image: scan.target, inventory: inventory, toolVersion: GymCommand.version)))
        }
    }
}
