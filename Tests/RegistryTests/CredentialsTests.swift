import Foundation
import TestSupport
import Testing

@testable import Registry

/// Credentials from docker's config file and from a real credential helper program.
@Suite(.ownThreads)
struct CredentialsTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-creds-\(UUID().uuidString)")
        .path

    func write(_ text: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/config.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func authsEntriesDecodeAndDockerHubUsesItsIndexKey() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let basic = Data("ci:s3cret:with:colons".utf8).base64EncodedString()
        let hub = Data("hubuser:hubpass".utf8).base64EncodedString()
        let path = try write(
            """
            {"auths": {"127.0.0.1:5000": {"auth": "\(basic)"}, "https://index.docker.io/v1/": {"auth": "\(hub)"}}}
            """)
        let source = CredentialSource(configPath: path)
        #expect(
            try source.credentials(for: "127.0.0.1:5000") == Credentials(username: "ci", password: "s3cret:with:colons")
        )
        #expect(try source.credentials(for: "docker.io") == Credentials(username: "hubuser", password: "hubpass"))
        #expect(try source.credentials(for: "other.example") == nil)
    }

    @Test func explicitCredentialsWin() throws {
        let source = CredentialSource(
            explicit: Credentials(username: "a", password: "b"), configPath: "/nonexistent/config.json")
        #expect(try source.credentials(for: "x.example") == Credentials(username: "a", password: "b"))
        #expect(try CredentialSource(configPath: "/nonexistent/config.json").credentials(for: "x.example") == nil)
    }

    @Test func malformedConfigIsAClearError() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write("{\"auths\": {\"r.example\": {\"auth\": \"not base64!\"}}}")
        #expect(throws: RegistryError.self) { try CredentialSource(configPath: path).credentials(for: "r.example") }
        let broken = try write("{nope")
        #expect(throws: RegistryError.self) { try CredentialSource(configPath: broken).credentials(for: "r.example") }
    }

    @Test func credentialHelperIsAskedWithTheServerOnStandardInput() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try write(#"{"credHelpers": {"r.example:5000": "gymtest"}}"#)
        let helper = directory + "/docker-credential-gymtest"
        try """
        #!/bin/sh
        [ "$1" = get ] || exit 2
        read -r server
        [ "$server" = "r.example:5000" ] || { echo "credentials not found in native keychain"; exit 1; }
        printf '{"ServerURL":"%s","Username":"helper-user","Secret":"helper-secret"}' "$server"
        """.write(toFile: helper, atomically: true, encoding: .utf8)
        chmod(helper, 0o755)
        let oldPath = ProcessInfo.processInfo.environment["PATH"] ?? ""
        setenv("PATH", directory + ":" + oldPath, 1)
        defer { setenv("PATH", oldPath, 1) }
        #expect(
            try CredentialSource(configPath: path).credentials(for: "r.example:5000")
                == Credentials(username: "helper-user", password: "helper-secret"))
    }
}
