import ArgumentParser

/// Output formats of `gym lint`.
enum LintFormat: String, CaseIterable, ExpressibleByArgument {
    case tty, json, sarif, checkstyle, gitlab, github, markdown
}

/// `--failure-threshold` values.
enum FailureThreshold: String, CaseIterable, ExpressibleByArgument {
    case error, warning, info, style, none
}
