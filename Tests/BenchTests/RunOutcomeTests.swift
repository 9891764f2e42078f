import Testing

@testable import Bench

/// How `gym fix --verify` holds the fixed image's run against the original's: byte for byte when two runs of
/// the original printed the same, with numbers masked when only they differed, by exit code alone otherwise.
struct RunOutcomeTests {
    @Test(
        arguments: [
            ("hello\n", "hello\n", OutputComparison.exact),
            ("(process:1): 16:35:18.211: no display\n", "(process:1): 16:35:25.592: no display\n", .numbersIgnored),
            ("container 3f2a9c0d1b7e ready\n", "container a81c44e0f9d2 ready\n", .numbersIgnored),
            ("pid 12\n", "pid 1234\n", .numbersIgnored),
            ("tip: use --fast\n", "tip: read the docs\n", .exitCodeOnly),
        ] as [(String, String, OutputComparison)])
    func twoRunsOfTheOriginalSayHowToCompare(first: String, second: String, expected: OutputComparison) {
        #expect(RunOutcome.comparison(first, second) == expected)
    }

    @Test(
        arguments: [
            // exact: any difference counts
            (OutputComparison.exact, Int32?(0), "v1.2\n", Int32?(0), "v1.2\n", true),
            (.exact, 0, "v1.2\n", 0, "v1.3\n", false),
            // numbers ignored: the words must still be the same
            (.numbersIgnored, 255, "at 16:35:18: no display\n", 255, "at 16:37:31: no display\n", true),
            (.numbersIgnored, 255, "at 16:35:18: no display\n", 255, "at 16:37:31: permission denied\n", false),
            (.exitCodeOnly, 1, "random words\n", 1, "other words\n", true),
            // the exit code always counts, whatever the output
            (.exitCodeOnly, 1, "x\n", 2, "x\n", false),
            (.exact, nil, "serving\n", nil, "serving on 8080\n", true),
            (.exact, nil, "serving\n", 0, "serving\n", false),
        ] as [(OutputComparison, Int32?, String, Int32?, String, Bool)])
    func theFixedRunIsHeldAgainstTheOriginal(
        comparison: OutputComparison, beforeCode: Int32?, before: String, afterCode: Int32?, after: String,
        matches: Bool
    ) {
        let original = RunOutcome(exitCode: beforeCode, output: before, comparison: comparison)
        #expect(original.matches(RunOutcome(exitCode: afterCode, output: after)) == matches)
    }
}

/// The edits gym bench and fix --verify make: harmless in each file's format, and each run number its own
/// content, so a second bench of one project is never answered from the first's cache.
struct EditLineTests {
    @Test(arguments: ["app.py", "main.go", "requirements.txt", "package.json", "go.sum", "Gemfile", "index.html"])
    func everyRunNumberIsItsOwnEdit(_ file: String) {
        let lines = [1, 2, 3, 1_000_001, 1_000_002, 999_999_999].map { ContextWorkspace.editLine(for: file, run: $0) }
        #expect(Set(lines).count == lines.count, "\(file): \(lines.map(\.debugDescription))")
        for line in lines where !line.contains("gym bench edit") {
            // no comment syntax: only whitespace, which every text format ignores at the end
            #expect(line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" }, "\(file): \(line.debugDescription)")
        }
    }
}
