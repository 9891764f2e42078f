import Foundation
import Spawn

/// A user name and password (or identity token) for one registry.
public struct Credentials: Sendable, Equatable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// The `Authorization: Basic` value.
    var basic: String { "Basic " + Data("\(username):\(password)".utf8).base64EncodedString() }
}

/// Where credentials come from, in docker's order: given on the command line, else `~/.docker/config.json`
/// (`$DOCKER_CONFIG/config.json`): a credential helper for the registry (`credHelpers`), the default helper
/// (`credsStore`), or the `auths` entry.
public struct CredentialSource: Sendable {
    public var explicit: Credentials?
    public var configPath: String?

    public init(explicit: Credentials? = nil, configPath: String? = nil) {
        self.explicit = explicit
        self.configPath = configPath
    }

    /// Docker's configuration file for this user.
    public static var dockerConfigPath: String {
        let environment = ProcessInfo.processInfo.environment
        if let directory = environment["DOCKER_CONFIG"], !directory.isEmpty { return directory + "/config.json" }
        let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + "/.docker/config.json"
    }

    struct DockerConfig: Decodable {
        struct Entry: Decodable {
            var auth: String?
            var username: String?
            var password: String?
            var identitytoken: String?
        }
        var auths: [String: Entry]?
        var credHelpers: [String: String]?
        var credsStore: String?
    }

    /// Credentials for `registry` (host[:port]; `docker.io` for Docker Hub), or nil for anonymous access.
    public func credentials(for registry: String) throws(RegistryError) -> Credentials? {
        if let explicit { return explicit }
        let path = configPath ?? Self.dockerConfigPath
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let config: DockerConfig
        do {
            config = try JSONDecoder().decode(DockerConfig.self, from: data)
        } catch {
            throw .credentials("\(path): malformed JSON: \(error)")
        }
        // Docker Hub is keyed by its old index address in config files
        let keys =
            registry == "docker.io"
            ? ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"]
            : [registry, "https://\(registry)", "http://\(registry)", "https://\(registry)/v2/"]
        if let helper = keys.lazy.compactMap({ config.credHelpers?[$0] }).first ?? config.credsStore {
            if let found = try Self.ask(helper: helper, server: keys[0]) { return found }
        }
        guard let entry = keys.lazy.compactMap({ config.auths?[$0] }).first else { return nil }
        if let token = entry.identitytoken, !token.isEmpty {
            return Credentials(username: "<token>", password: token)
        }
        if let username = entry.username, let password = entry.password {
            return Credentials(username: username, password: password)
        }
        guard let auth = entry.auth, let decoded = Data(base64Encoded: auth),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else {
            throw .credentials("\(path): the auths entry for \(registry) is not base64 of USER:PASSWORD")
        }
        return Credentials(username: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
    }

    /// Runs `docker-credential-HELPER get` with the server on its standard input, as docker does.
    static func ask(helper: String, server: String) throws(RegistryError) -> Credentials? {
        let program = "docker-credential-" + helper
        guard Subprocess.executable(named: program) != nil else {
            throw .credentials("the configured credential helper \(program) is not installed")
        }
        let output: ProcessOutput
        do {
            output = try Subprocess.run(["sh", "-c", "printf '%s' \"$1\" | \"$2\" get", "sh", server, program])
        } catch {
            throw .credentials("\(program): \(error)")
        }
        let text = String(decoding: output.stdout, as: UTF8.self)
        guard output.succeeded else {
            // helpers answer "credentials not found in native keychain" for an unknown server
            if text.lowercased().contains("not found") { return nil }
            throw .credentials("\(program) get failed: \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        struct Answer: Decodable {
            var Username: String
            var Secret: String
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(output.stdout)) else {
            throw .credentials("\(program) get answered something other than {Username, Secret}")
        }
        return Credentials(username: answer.Username, password: answer.Secret)
    }
}
