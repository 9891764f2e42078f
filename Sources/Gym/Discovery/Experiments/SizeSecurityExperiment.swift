import Foundation
import Scan

/// Question 5: two images built here, a small one and a bigger one, measured for size, packages and known
/// vulnerabilities with the scanner.
struct SizeSecurityExperiment: DiscoveryExperiment {
    static let images = ["debian:bookworm-slim", "python:3.11-slim"]

    var files: [String: String] {
        [
            "README.md": """
            Question 5: `gym layers` and `gym scan` on \(Self.images.joined(separator: " and ")): size, packages and
            known vulnerabilities side by side. (Alpine cannot be pulled here; the comparison is the same kind.)

            """
        ]
    }

    var limits: String? {
        "Alpine and Docker Hub's images cannot be pulled here: the two images compared are the local Debian stand-ins"
    }

    func measure(in directory: URL, lab: ExperimentLab) throws(GymError) -> DiscoveryMeasurement {
        var rows: [(image: String, size: Int64, packages: Int, findings: Int, critical: Int)] = []
        for image in Self.images {
            let size: Int64
            do {
                size = try lab.engine.imageIDAndSize(image).size
            } catch {
                throw .experiment(question: 5, reason: "\(image) is not on the engine: \(error)")
            }
            let scanned = try lab.scan(image)
            rows.append(
                (
                    image, size, scanned.packages, scanned.findings.count,
                    scanned.findings.filter { $0.severity >= .high }.count
                ))
        }
        let small = rows[0]
        let big = rows[1]
        // the smaller image carries fewer packages and no more known vulnerabilities: size is a proxy for the
        // attack surface, not a measure of it
        let supports =
            small.size < big.size && small.packages < big.packages && small.findings <= big.findings ? "b" : "c"
        return DiscoveryMeasurement(
            supports: supports,
            evidence: rows.map { row in
                String(
                    format: "%@: %.0f MB, %d packages, %d known vulnerabilities (%d high or critical)", row.image,
                    Double(row.size) / 1_000_000, row.packages, row.findings, row.critical)
            })
    }
}
