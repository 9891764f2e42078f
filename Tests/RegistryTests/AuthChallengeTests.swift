import TestSupport
import Testing

@testable import Registry

@Suite(.ownThreads)
struct AuthChallengeTests {
    @Test func bearerWithQuotedParameters() throws {
        let challenge = try #require(
            AuthChallenge(
                header:
                    #"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/python:pull""#
            ))
        #expect(challenge.scheme == "bearer")
        #expect(challenge.parameters["realm"] == "https://auth.docker.io/token")
        #expect(challenge.parameters["service"] == "registry.docker.io")
        #expect(challenge.parameters["scope"] == "repository:library/python:pull")
    }

    @Test func basicWithRealmAndOddSpacing() throws {
        let challenge = try #require(AuthChallenge(header: #"Basic  realm="Registry Realm" , charset=UTF-8"#))
        #expect(challenge.scheme == "basic")
        #expect(challenge.parameters == ["realm": "Registry Realm", "charset": "UTF-8"])
    }

    @Test func escapedQuotesAndBareScheme() throws {
        let challenge = try #require(AuthChallenge(header: #"Bearer realm="a\"b",Error="insufficient_scope""#))
        #expect(challenge.parameters["realm"] == #"a"b"#)
        #expect(challenge.parameters["error"] == "insufficient_scope")
        #expect(AuthChallenge(header: "Basic")?.scheme == "basic")
        #expect(AuthChallenge(header: "  ") == nil)
    }
}
