import TestSupport
import Testing

@testable import Registry

/// References as docker normalises them (distribution's reference package is the authority).
@Suite(.ownThreads)
struct RegistryReferenceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var registry: String
        var repository: String
        var tag: String?
        var digest: String?
        var testDescription: String { text }
    }

    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    static let valid: [Case] = [
        Case(text: "python:3.11-slim", registry: "docker.io", repository: "library/python", tag: "3.11-slim"),
        Case(text: "python", registry: "docker.io", repository: "library/python", tag: "latest"),
        Case(text: "docker.io/python", registry: "docker.io", repository: "library/python", tag: "latest"),
        Case(text: "index.docker.io/library/python:3", registry: "docker.io", repository: "library/python", tag: "3"),
        Case(text: "bitnami/redis:7", registry: "docker.io", repository: "bitnami/redis", tag: "7"),
        Case(
            text: "registry.example:5000/team/app:tag", registry: "registry.example:5000", repository: "team/app",
            tag: "tag"),
        Case(text: "localhost/app", registry: "localhost", repository: "app", tag: "latest"),
        Case(text: "localhost:5000/app:1", registry: "localhost:5000", repository: "app", tag: "1"),
        Case(text: "127.0.0.1:5000/a/b/c:v1.2", registry: "127.0.0.1:5000", repository: "a/b/c", tag: "v1.2"),
        Case(text: "Registry/app", registry: "Registry", repository: "app", tag: "latest"),
        Case(text: "ghcr.io/org/app@\(digest)", registry: "ghcr.io", repository: "org/app", tag: nil, digest: digest),
        Case(text: "app:1@\(digest)", registry: "docker.io", repository: "library/app", tag: "1", digest: digest),
        Case(text: "a__b/c-d.e_f---g:T_1", registry: "docker.io", repository: "a__b/c-d.e_f---g", tag: "T_1"),
        Case(text: "[::1]:5000/app", registry: "[::1]:5000", repository: "app", tag: "latest"),
    ]

    @Test(arguments: valid)
    func normalises(_ testCase: Case) throws {
        let reference = try RegistryReference(parsing: testCase.text)
        #expect(reference.registry == testCase.registry)
        #expect(reference.repository == testCase.repository)
        #expect(reference.tag == testCase.tag)
        #expect(reference.digest == testCase.digest)
    }

    @Test(arguments: [
        "", "app:", "app:-tag", "app@sha256:abc", "app@md5", "a//b", "a/b/", "/a", "app:tag:other",
        "-app", "app-", "a...b", "registry.example:port/app", "app:" + String(repeating: "t", count: 129),
        "café/app",
    ])
    func rejects(_ text: String) {
        #expect(throws: RegistryError.self) { try RegistryReference(parsing: text) }
    }

    @Test func errorNamesTheProblem() {
        #expect(
            throws: RegistryError.invalidReference(
                "UPPER/App", reason: "\"App\" must be lowercase letters and digits separated by ., _, __ or -")
        ) {
            try RegistryReference(parsing: "UPPER/App")
        }
    }

    @Test(arguments: [
        ("localhost:5000/a", true), ("127.0.0.1:5000/a", true), ("127.1.2.3/a", true), ("[::1]:5000/a", true),
        ("registry.example/a", false), ("python", false), ("localhost.example/a", false),
    ])
    func loopback(_ text: String, _ expected: Bool) throws {
        #expect(try RegistryReference(parsing: text).isLoopback == expected)
    }

    @Test func dockerHubEndpointAndDescription() throws {
        let hub = try RegistryReference(parsing: "python:3.11-slim")
        #expect(hub.endpointHost == "registry-1.docker.io")
        #expect(hub.description == "docker.io/library/python:3.11-slim")
        #expect(hub.manifestReference == "3.11-slim")
        let pinned = try RegistryReference(parsing: "app:1@\(Self.digest)")
        #expect(pinned.manifestReference == Self.digest)
    }

    @Test(
        arguments: [
            ("registry:127.0.0.1:5000/app:1", ImageSourceKind.registry, "127.0.0.1:5000/app:1"),
            ("docker:app:1", .engine, "app:1"), ("docker-archive:/tmp/a.tar", .archive, "/tmp/a.tar"),
            ("oci-dir:layout", .oci, "layout"), ("app:1", nil, "app:1"),
        ] as [(String, ImageSourceKind?, String)])
    func sourcePrefixes(_ text: String, _ kind: ImageSourceKind?, _ rest: String) {
        let split = ImageLocator.split(text)
        #expect(split.0 == kind)
        #expect(split.1 == rest)
    }
}
