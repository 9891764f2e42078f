import ArgumentParser
import Foundation
import Registry

/// `gym pull`: an image from a registry into gym's blob store, and optionally into an OCI layout.
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Pull an image from a registry into gym's blob store (no engine needed), or into an OCI layout.",
        discussion: """
            REFERENCE is written as docker writes it: registry.example:5000/team/app:tag, name@sha256:..., or a \
            Docker Hub short name (python:3.11-slim is docker.io/library/python:3.11-slim).

            The manifest is negotiated (OCI index or manifest, Docker manifest list or schema 2 manifest); from an \
            index the platform's image is chosen (--platform, else this machine's). Blobs are fetched several at \
            a time, each verified against its digest and size as it streams, into the store under gym's home \
            ($GYM_HOME/blobs, else ~/.gym/blobs) that gym layers, scan and sbom share: a blob already there is not \
            fetched again, and an interrupted pull resumes where it stopped. A blob whose bytes do not match is \
            deleted. gym clean --blobs empties the store.

            Registries on this machine (localhost, 127.0.0.1) may answer plain HTTP; any other needs HTTPS, \
            trusted by the system or by --ca-cert, unless --insecure. Credentials: --username with the password \
            on standard input, else docker's ~/.docker/config.json (auths, credHelpers, credsStore).

            Examples:
              gym pull 127.0.0.1:5000/team/app:1.0
              gym pull 127.0.0.1:5000/team/app:1.0 --oci app-layout
              printf '%s' "$TOKEN" | gym pull registry.example/app@sha256:... --username ci --ca-cert ca.pem
              gym layers registry:127.0.0.1:5000/team/app:1.0
            """
    )

    @Argument(help: "The image in a registry.")
    var reference: String

    @Option(help: ArgumentHelp("Also write the image as an OCI image layout in this directory.", valueName: "dir"))
    var oci: String?

    @Option(help: "Platform to pick from a multi-platform index (os/arch[/variant]).")
    var platform: String?

    @OptionGroup var registry: RegistryOptionGroup

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    func run() async throws {
        let reference = try RegistryReference(parsing: ImageLocator.split(self.reference).1)
        let options = try registry.options()
        let store = try BlobStore.standard()
        let bar = ProgressBar("pulling")
        let pulled = try await ImageLocator.pull(reference, platform: platform, into: store, options: options) {
            bar.update($0.completedBytes, of: $0.totalBytes, bytes: true)
        }
        bar.finish()
        if let oci { try OCILayoutWriter.write(pulled, from: store, to: oci) }
        Output.out(
            format == .json
                ? try PullReporter.json(pulled, store: store, layout: oci)
                : PullReporter.text(pulled, store: store, layout: oci), terminator: "")
    }
}
