import ArgumentParser
import Scan

/// `--format tty|json|sarif|trivy|cyclonedx` on `gym scan`: the formats are the Scan library's; `table`, the
/// name Trivy gives its terminal table, is `tty`.
extension ScanReportFormat: ExpressibleByArgument {
    public init?(argument: String) {
        if argument == "table" {
            self = .tty
        } else {
            self.init(rawValue: argument)
        }
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) + ["table"] }
}

/// Trivy's `--pkg-types`: operating-system packages, language libraries, or both.
enum PackageTypes {
    /// Whether a package of `ecosystem` is kept under `--pkg-types value`; throws on a type Trivy does not have.
    static func parse(_ value: String) throws -> (os: Bool, library: Bool) {
        var types = (os: false, library: false)
        for word in value.lowercased().split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            switch word {
            case "os": types.os = true
            case "library": types.library = true
            default: throw ValidationError("--pkg-types takes os, library or os,library (not \(word))")
            }
        }
        return types
    }
}
