import Foundation
import Spawn
import TestSupport
import Testing

/// The stand-in base images carry what their real namesakes carry, as the exercises rely on: node:18-slim
/// runs npm and yarn without a C compiler, node:18 adds the compilers, make, python3 and git.
@Suite("Stand-in base images", .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
struct StandInImageTests {
    static func run(_ image: String, _ script: String) throws -> (status: Int32, output: String) {
        let result = try Subprocess.run(["docker", "run", "--rm", "--network=none", image, "sh", "-c", script])
        return (result.status, String(decoding: result.stdout + result.stderr, as: UTF8.self))
    }

    @Test(arguments: [
        ("gym-local/node:18-slim", "node --version && npm --version && yarn --version && yarnpkg --version", true),
        ("gym-local/node:18-slim", "command -v gcc || command -v cc || command -v make", false),
        (
            "gym-local/node:18",
            "node --version && npm --version && yarn --version && gcc --version && g++ --version && make --version && python3 --version && git --version",
            true
        ),
        ("gym-local/python:3.11-slim", "python --version && pip --version && python3 -m venv /tmp/v", true),
        ("gym-local/golang:1.19", "go version", true),
    ])
    func carries(image: String, script: String, succeeds: Bool) throws {
        let run = try Self.run(image, script)
        #expect((run.status == 0) == succeeds, "\(image): \(script): exit \(run.status): \(run.output)")
    }

    /// npm and yarn do real work on the slim image: a package installed offline from a local tarball, and
    /// a script run by each.
    @Test func npmAndYarnWorkOnTheSlimImage() throws {
        let script = """
            set -e
            mkdir -p /tmp/lib /tmp/app && cd /tmp/lib
            printf '{"name":"lib","version":"1.0.0","main":"index.js"}' > package.json
            echo 'module.exports = () => "from lib";' > index.js
            npm pack --silent >/dev/null
            cd /tmp/app
            printf '{"name":"app","version":"1.0.0","scripts":{"hello":"node hello.js"}}' > package.json
            echo 'console.log(require("lib")());' > hello.js
            npm install --offline --no-audit --no-fund /tmp/lib/lib-1.0.0.tgz >/dev/null
            npm run --silent hello
            yarn run --silent hello
            """
        let run = try Self.run("gym-local/node:18-slim", script)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.components(separatedBy: "from lib").count == 3, "\(run.output)")
    }
}
