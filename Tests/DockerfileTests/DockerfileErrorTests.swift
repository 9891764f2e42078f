import Testing

@testable import Dockerfile

/// Inputs BuildKit rejects: each gives a located error a person understands.
struct DockerfileErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var source: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty file", source: "", line: 1, column: 1, message: "file with no instructions"),
        Case(name: "only comments", source: "# a\n# b\n", line: 2, column: 1, message: "file with no instructions"),
        Case(
            name: "unknown instruction with did-you-mean", source: "FROM a\nRUNN x\n", line: 2, column: 1,
            message: "unknown instruction: RUNN (did you mean run?)"),
        Case(
            name: "unterminated heredoc", source: "FROM a\nRUN <<EOF\necho\n", line: 2, column: 1,
            message: "unterminated heredoc: no line reads EOF to close <<EOF"),
        Case(
            name: "unknown flag", source: "FROM a\nCOPY --form=b x y\n", line: 2, column: 6,
            message: "unknown flag: form (did you mean from?)"),
        Case(
            name: "flag without value", source: "FROM a\nCOPY --from b x\n", line: 2, column: 6,
            message: "missing a value on flag: from"),
        Case(
            name: "bool flag with a bad value", source: "FROM a\nCOPY --link=maybe x y\n", line: 2, column: 6,
            message: "expecting boolean value for flag link, not: maybe"),
        Case(
            name: "duplicate flag", source: "FROM a\nCOPY --from=a --from=b x y\n", line: 2, column: 15,
            message: "duplicate flag specified: from"),
        Case(
            name: "flag on an instruction that takes none", source: "FROM a\nENV --x=1 A=b\n", line: 2, column: 5,
            message: "unknown flag: x (ENV takes no flags)"),
        Case(
            name: "missing FROM", source: "RUN echo\n", line: 1, column: 1,
            message: "no build stage in current context: RUN must come after a FROM"),
        Case(
            name: "only ARGs", source: "ARG A\n", line: 1, column: 5,
            message: "dockerfile contains no stages to build: add a FROM instruction"),
        Case(
            name: "FROM with two words", source: "FROM a b\n", line: 1, column: 1,
            message: "FROM requires either one or three arguments"),
        Case(
            name: "bad stage name", source: "FROM a AS 1st\n", line: 1, column: 1,
            message: "invalid name for build stage: \"1st\", name can't start with a number or contain symbols"),
        Case(
            name: "ENV without value", source: "FROM a\nENV PATH\n", line: 2, column: 1,
            message: "ENV must have two arguments"),
        Case(
            name: "ENV word without =", source: "FROM a\nENV A=1 B\n", line: 2, column: 1,
            message: "Syntax error - can't find = in \"B\". Must be of the form: name=value"),
        Case(
            name: "nested JSON", source: "FROM a\nCMD [\"a\", [\"b\"]]\n", line: 2, column: 1,
            message: "when using JSON array syntax, arrays must be comprised of strings only"),
        Case(
            name: "COPY without destination", source: "FROM a\nCOPY x\n", line: 2, column: 1,
            message:
                "COPY requires at least two arguments, but only one was provided. Destination could not be determined."),
        Case(
            name: "duplicate escape directive", source: "# escape=`\n# escape=\\\nFROM a\n", line: 2, column: 1,
            message: "only one escape parser directive can be used"),
        Case(
            name: "invalid escape token", source: "# escape=x\nFROM a\n", line: 1, column: 1,
            message: "invalid escape token 'x' does not match ` or \\"),
        Case(
            name: "SHELL needs JSON", source: "FROM a\nSHELL bash -c\n", line: 2, column: 1,
            message: "SHELL requires the arguments to be in JSON form"),
        Case(
            name: "HEALTHCHECK bad type", source: "FROM a\nHEALTHCHECK PING x\n", line: 2, column: 1,
            message: "Unknown type \"PING\" in HEALTHCHECK (try CMD)"),
        Case(
            name: "HEALTHCHECK NONE with arguments", source: "FROM a\nHEALTHCHECK NONE x\n", line: 2, column: 1,
            message: "HEALTHCHECK NONE takes no arguments"),
        Case(
            name: "HEALTHCHECK bad duration", source: "FROM a\nHEALTHCHECK --interval=5 CMD x\n", line: 2, column: 13,
            message: "time: invalid duration \"5\""),
        Case(
            name: "ONBUILD ONBUILD", source: "FROM a\nONBUILD ONBUILD RUN x\n", line: 2, column: 1,
            message: "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
        Case(
            name: "ONBUILD FROM", source: "FROM a\nONBUILD FROM b\n", line: 2, column: 1,
            message: "FROM isn't allowed as an ONBUILD trigger"),
        Case(
            name: "MAINTAINER without a name", source: "FROM a\nMAINTAINER\n", line: 2, column: 1,
            message: "MAINTAINER requires exactly one argument"),
        Case(
            name: "bad mount type", source: "FROM a\nRUN --mount=type=disk,target=/x true\n", line: 2, column: 13,
            message: "unsupported mount type \"disk\""),
        Case(
            name: "bad mount key", source: "FROM a\nRUN --mount=type=cache,taget=/x true\n", line: 2, column: 13,
            message: "unexpected key 'taget' in 'taget=/x'"),
        Case(
            name: "bad network", source: "FROM a\nRUN --network=bridge true\n", line: 2, column: 5,
            message: "unsupported network mode \"bridge\": use none, host or default"),
        Case(
            name: "line too long", source: "FROM a\nRUN " + String(repeating: "x", count: 70_000) + "\n", line: 2,
            column: 1, message: "dockerfile line greater than max allowed size of 65535 (this line has 70005 bytes)"),
    ]

    @Test("rejected input", arguments: cases)
    func rejects(testCase: Case) {
        do {
            _ = try Dockerfile.parse(testCase.source)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == testCase.message)
            #expect(error.location?.start == SourcePosition(line: testCase.line, column: testCase.column))
        }
    }
}
