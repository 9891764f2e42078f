import ArgumentParser
import Foundation
import Image
import Registry

/// `gym push`: an image from an archive, an OCI layout, the engine or another registry into a registry.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push an image (docker-archive, OCI layout, engine image or registry image) to a registry.",
        discussion: """
            SOURCE is read as gym layers reads IMAGE (a registry:, docker:, docker-archive: or oci-dir: prefix \
            says where it is); REFERENCE is where it goes, written as docker writes it.

            Blobs the repository already has are not sent again (HEAD); blobs of a registry source in the same \
            registry are mounted from its repository instead of uploaded; the rest go up several at a time, each \
            in one PUT, or in PATCH chunks of --chunk-size bytes when larger. The manifest goes last, so no one \
            sees the tag before every blob is there; it is sent byte for byte as the source has it, so the pushed \
            digest is the source's (a legacy docker-archive, which has no manifest, gets an OCI one).

            Credentials and trust as for gym pull: --username with the password on standard input, else \
            ~/.docker/config.json; --ca-cert; --insecure for plain HTTP to a host that is not loopback.

            Examples:
              gym push image.tar 127.0.0.1:5000/team/app:1.0
              gym push docker:myapp:latest 127.0.0.1:5000/team/app:1.0
              gym push registry:127.0.0.1:5000/team/app:1.0 127.0.0.1:5000/team/app:stable
              gym push app-layout registry.example/app:1 --chunk-size 8MB --ca-cert ca.pem
            """
    )

    @Argument(help: "The image to push.")
    var source: String

    @Argument(help: "Where to push it.")
    var reference: String

    @Option(help: ArgumentHelp("Upload blobs larger than this in chunks of this size (e.g. 8MB).", valueName: "size"))
    var chunkSize: String?

    @Option(help: "Platform to pick from a multi-platform source (os/arch[/variant]).")
    var platform: String?

    @OptionGroup var registry: RegistryOptionGroup

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    func run() async throws {
        let target = try RegistryReference(parsing: ImageLocator.split(reference).1)
        var chunk: Int64?
        if let chunkSize {
            guard let bytes = LayerGates.bytes(chunkSize), bytes > 0 else {
                throw ValidationError("--chunk-size \(chunkSize): expected bytes, or a size such as 8MB")
            }
            chunk = bytes
        }
        let options = try registry.options()
        let (kind, rest) = ImageLocator.split(source)
        var mountFrom: String?
        if (registry.source ?? kind) == .registry, let origin = try? RegistryReference(parsing: rest),
            origin.registry == target.registry
        {
            mountFrom = origin.repository
        }
        let image = try await ImageLocator.load(
            source, source: registry.source, platform: platform, options: options, progress: ProgressBar.pulling())
        let blobs = try image.blobs()
        let bar = ProgressBar("pushing")
        let result = try await RegistryClient.with(options) { [mountFrom, chunk] client throws(RegistryError) in
            try await client.push(blobs, to: target, mountFrom: mountFrom, chunkSize: chunk) {
                bar.update($0.completedBytes, of: $0.totalBytes, bytes: true)
            }
        }
        bar.finish()
        Output.out(format == .json ? try PushReporter.json(result) : PushReporter.text(result), terminator: "")
    }
}
