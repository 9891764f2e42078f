import Testing

@testable import Dockerfile

/// `--build-arg` as `docker build` reads it.
struct BuildArgumentsTests {
    @Test(arguments: [
        (["A=1"], ["A": "1"]),
        (["A="], ["A": ""]),
        (["URL=http://x/?a=b"], ["URL": "http://x/?a=b"]),
        (["A=1", "A=2"], ["A": "2"]),
        (["FROM_ENV"], ["FROM_ENV": "set"]),
        (["NOT_SET"], [:]),
        (["FROM_ENV", "FROM_ENV=given"], ["FROM_ENV": "given"]),
    ])
    func parses(values: [String], expected: [String: String]) throws {
        #expect(try BuildArguments.parse(values, environment: ["FROM_ENV": "set"]) == expected)
    }

    @Test(arguments: ["=1", "", "A B=1", "two words"])
    func rejects(value: String) {
        let error = #expect(throws: DockerfileError.self) { try BuildArguments.parse([value], environment: [:]) }
        #expect(error?.message.contains("expected KEY=VALUE") == true)
    }
}
