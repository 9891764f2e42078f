import Foundation
import FuzzSupport
import Scan

/// libFuzzer entry: any bytes as an OSV record (JSON). Decoding ends in a record or a DecodingError, and a
/// decoded record's affected ranges can be evaluated against a version without a crash.
func fuzzOSV(_ input: UnsafeRawBufferPointer) {
    let bytes = Data(input)
    guard let record = try? JSONDecoder().decode(OSVRecord.self, from: bytes) else { return }
    for affected in record.affected ?? [] {
        let ecosystem = Ecosystem(osv: affected.package?.ecosystem ?? "")
        for version in ["0", "1.0", "1.0.0-rc1", "2:1.2-3"] {
            _ = VulnerabilityScanner.isAffected(version, affected, ecosystem ?? .pypi)
        }
    }
}

@main
enum Main {
    static func main() { FuzzDriver.run(fuzzOSV) }
}
