import ArgumentParser
import Scan

/// `--format tty|json|sarif` on `gym scan`: the formats are the Scan library's.
extension ScanReportFormat: ExpressibleByArgument {}
