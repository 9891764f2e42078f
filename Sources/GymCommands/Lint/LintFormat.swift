import ArgumentParser
import Lint

extension LintReportFormat: ExpressibleByArgument {}

/// `--failure-threshold` values.
enum FailureThreshold: String, CaseIterable, ExpressibleByArgument {
    case error, warning, info, style, none
}
