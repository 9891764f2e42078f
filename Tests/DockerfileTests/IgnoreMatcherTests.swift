import Foundation
import Testing

@testable import Dockerfile

/// `.dockerignore` semantics of moby/patternmatcher and moby's ignore-file reader, table by table.
struct IgnoreMatcherTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var patterns: [String]
        var path: String
        var excluded: Bool
        var testDescription: String { "\(patterns) \(path) → \(excluded)" }
        init(_ patterns: [String], _ path: String, _ excluded: Bool) {
            self.patterns = patterns
            self.path = path
            self.excluded = excluded
        }
    }

    static let single: [Case] = [
        // ** in every position
        Case(["**"], "file", true), Case(["**"], "dir/file", true), Case(["**/"], "file", true),
        Case(["**/**"], "dir/file", true), Case(["dir/**"], "dir/file", true), Case(["dir/**"], "dir/dir2/file", true),
        Case(["**/dir"], "dir", true), Case(["**/dir"], "dir/file", true), Case(["**/dir2/*"], "dir/dir2/file", true),
        Case(["**/dir2/**"], "dir/dir2/dir3/file", true), Case(["**file"], "file", true),
        Case(["**file"], "dir/dir/file", true), Case(["**/file*"], "dir/dir/file.txt", true),
        Case(["**/file*.txt"], "dir/dir/file.txt", true), Case(["**/**/*.txt"], "dir/dir/file.txt", true),
        Case(["**/**/*.txt2"], "dir/dir/file.txt", false), Case(["**/*.txt"], "file.txt", true),
        Case(["a**/*.txt"], "a/dir/dir/file.txt", true), Case(["a/*.txt"], "a/dir/file.txt", false),
        Case(["a/*.txt"], "a/file.txt", true), Case(["a/*.txt**"], "a/file.txt", true),
        Case(["**/foo/bar"], "dir/dir2/foo/bar", true), Case(["abc/**"], "abc", false),
        Case(["abc/**"], "abc/def/ghi", true), Case(["**/.foo"], ".foo", true), Case(["**/.foo"], "bar.foo", false),
        // Go filepath.Match syntax
        Case(["a[b-d]e"], "ace", true), Case(["a[b-d]e"], "aae", false), Case(["a[^b-d]e"], "aze", true),
        Case([".*"], ".foo", true), Case([".*"], "foo", false), Case(["abc.def"], "abcZdef", false),
        Case(["abc?def"], "abcZdef", true), Case(["abc?def"], "abcdef", false), Case(["a?b"], "a/b", false),
        Case(["a*b"], "a/b", false), Case(["a*"], "ab/c", true), Case(["a*/b"], "a/c/b", false),
        Case(["a*b?c*x"], "abxbbxdbxebxczzx", true), Case(["a\\*b"], "a*b", true), Case(["a\\*b"], "ab", false),
        Case(["a?b"], "a☺b", true), Case(["[a-ζ]*"], "α", true), Case(["*[a-ζ]"], "A", false),
        Case(["[\\]a]"], "]", true), Case(["[x\\-]"], "-", true), Case(["[x\\-]"], "z", false),
        Case(["a(b)c/def"], "a(b)c/def", true), Case(["a.|)$(}+{bc"], "a.|)$(}+{bc", true),
        Case(["dist/*.whl"], "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", true),
        // relative to the context root: *.md matches only at the root
        Case(["*.md"], "README.md", true), Case(["*.md"], "docs/guide.md", false),
        // a matching parent directory excludes everything below it
        Case(["node_modules"], "node_modules/x/index.js", true), Case(["docs/"], "docs/a/b.md", true),
        Case(["*"], "fileutils.go", true), Case(["*.go"], "fileutils.go", true),
    ]

    @Test("single pattern", arguments: single)
    func singlePattern(testCase: Case) throws {
        let matcher = try IgnoreMatcher(patterns: testCase.patterns)
        #expect(matcher.excludes(testCase.path) == testCase.excluded)
    }

    static let ordered: [Case] = [
        // the last matching line wins; ! re-includes
        Case(["*.go", "!fileutils.go"], "fileutils.go", false), Case(["!fileutils.go", "*.go"], "fileutils.go", true),
        Case(["docs", "!docs/README.md"], "docs/README.md", false),
        Case(["docs/", "!docs/README.md"], "docs/README.md", false),
        Case(["docs/*", "!docs/README.md"], "docs/README.md", false),
        Case(["**", "!util/docker/web"], "util/docker/web/foo", false),
        Case(["**", "!util/docker/web", "util/docker/web/foo"], "util/docker/web/foo", true),
        Case(["**", "!dist/*.whl"], "dist/a-1.0-py3-none-any.whl", false),
        Case(["*", "!Dockerfile", "!src"], "src/app.py", false),
        Case(["*", "!Dockerfile", "!src"], "tests/t.py", true),
        Case(["*.md", "!README.md", "README.md"], "README.md", true),
    ]

    @Test("pattern order", arguments: ordered)
    func orderedPatterns(testCase: Case) throws {
        let matcher = try IgnoreMatcher(patterns: testCase.patterns)
        #expect(matcher.excludes(testCase.path) == testCase.excluded)
    }

    @Test("the context root itself is never excluded")
    func root() throws {
        #expect(try IgnoreMatcher(patterns: ["*"]).excludes(".") == false)
    }

    @Test(
        "bad patterns are errors", arguments: ["[", "[^", "[^bc", "a[", "[]a]", "[-]", "[x-]", "[-x]", "\\", "[a-b-c]"])
    func badPattern(pattern: String) {
        #expect(throws: DockerfileError.self) { try IgnoreMatcher(patterns: [pattern]) }
    }

    @Test("a lone ! is an error with its line")
    func loneExclamation() {
        #expect(throws: DockerfileError.illegalIgnoreExclusion(file: ".dockerignore", line: 2)) {
            try IgnoreMatcher(dockerignore: "a\n!\n", source: ".dockerignore")
        }
    }

    @Test("reading the file: comments, blanks, whitespace, slashes, . and ..")
    func reading() throws {
        let text = """
            # comment
              # indented lines are patterns, not comments

            /build/
            ./dist
            logs/../tmp
              .env  
            ! keep.txt
            *.pyc
            """
        let matcher = try IgnoreMatcher(dockerignore: text)
        #expect(
            matcher.patterns.map(\.pattern) == [
                "# indented lines are patterns, not comments", "build", "dist", "tmp", ".env", "keep.txt", "*.pyc",
            ])
        #expect(matcher.patterns[5].isExclusion)
        #expect(matcher.excludes("build/out.o"))
        #expect(matcher.excludes("dist"))
        #expect(matcher.excludes("tmp/x"))
        #expect(!matcher.excludes("logs/x"))
        #expect(matcher.excludes(".env"))
        #expect(!matcher.excludes("keep.txt"))
        #expect(!matcher.excludes("pkg/a.pyc"))
    }

    @Test("Dockerfile-specific ignore file takes precedence")
    func perDockerfile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-ignore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "*.md\n".write(to: dir.appendingPathComponent(".dockerignore"), atomically: true, encoding: .utf8)
        let dockerfile = dir.appendingPathComponent("app.Dockerfile").path
        #expect(try IgnoreMatcher.load(context: dir.path, dockerfile: dockerfile).excludes("README.md"))
        try "*.txt\n".write(toFile: dockerfile + ".dockerignore", atomically: true, encoding: .utf8)
        let specific = try IgnoreMatcher.load(context: dir.path, dockerfile: dockerfile)
        #expect(specific.excludes("a.txt"))
        #expect(!specific.excludes("README.md"))
        #expect(specific.source == dockerfile + ".dockerignore")
    }
}
