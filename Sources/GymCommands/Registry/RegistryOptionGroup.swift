import ArgumentParser
import Foundation
import Registry

extension ImageSourceKind: ExpressibleByArgument {}

/// Options of every command that may read an image from a registry.
struct RegistryOptionGroup: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Where IMAGE is: registry, engine, archive or oci (default: a path that exists is a file, else the engine; a registry:, docker:, docker-archive: or oci-dir: prefix says it too).",
            valueName: "source"))
    var source: ImageSourceKind?

    @Option(help: "User name for the registry (the password is read from standard input).")
    var username: String?

    @Flag(help: "Allow plain HTTP to a registry that is not on this machine.")
    var insecure = false

    @Option(help: ArgumentHelp("PEM file of certificate authorities to trust for the registry.", valueName: "file"))
    var caCert: String?

    /// Reads the password from standard input when a user name is given (never from the command line).
    func options() throws -> RegistryOptions {
        var credentials = CredentialSource()
        if let username {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            let password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
            guard !password.isEmpty else {
                throw CommandFailure("--username \(username): no password on standard input")
            }
            credentials.explicit = Credentials(username: username, password: password)
        }
        return RegistryOptions(credentials: credentials, insecure: insecure, caCertificate: caCert)
    }
}
