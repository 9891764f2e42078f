import Dockerfile

/// Cache keys of one run's own, instead of pruning the whole builder cache. BuildKit keys a step by its
/// parent's key, so a step naming a fresh nonce right after every FROM gives every later step of the stage a
/// key no earlier build has made: no build of this run, of an earlier run or of another test can answer it
/// from the cache, and no one else's cache is thrown away. The insertion is the same for every stage and both
/// builds, so two steps share a key with it exactly when they shared one without it: every step of the
/// scenario hits or misses as it would after a prune. The nonce steps themselves are scaffolding, like FROM
/// (one stage's can answer another's on the same base), and are not compared.
public enum RunNonce {
    /// A fresh nonce: 16 hex digits.
    public static func fresh() -> String {
        String(UInt64.random(in: .min ... .max), radix: 16).leftPadded(to: 16)
    }

    /// What every nonce step's command starts with.
    public static let marker = "echo gym-run-"

    /// Whether a step BuildKit reports is a nonce step.
    public static func isNonceStep(_ name: String) -> Bool { name.contains("RUN " + marker) }

    /// `dockerfile` with `RUN echo gym-run-NONCE` after the FROM line of every stage.
    public static func keyed(_ dockerfile: String, nonce: String) throws(DockerfileError) -> String {
        let parsed = try Dockerfile.parse(dockerfile)
        var lines = dockerfile.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // from the last stage up, so the earlier FROM lines keep their numbers (1-based: inserting at that index
        // puts the step right after the FROM's last line)
        for line in Set(parsed.stages.map(\.from.node.range.end.line)).sorted(by: >) where line <= lines.count {
            lines.insert("RUN \(marker)\(nonce) >/dev/null", at: line)
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
