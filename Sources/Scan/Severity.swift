/// A vulnerability's severity, in Trivy's words.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case unknown = "UNKNOWN"
    case low = "LOW"
    case medium = "MEDIUM"
    case high = "HIGH"
    case critical = "CRITICAL"

    public static func < (a: Severity, b: Severity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// CVSS v3 qualitative rating of a base score.
    public init(score: Double) {
        switch score {
        case 9...: self = .critical
        case 7..<9: self = .high
        case 4..<7: self = .medium
        case 0.1..<4: self = .low
        default: self = .unknown
        }
    }

    /// GHSA words (`MODERATE` is medium) and Debian upload urgencies; nil for anything else.
    public init?(word: String) {
        switch word.lowercased() {
        case "critical", "emergency": self = .critical
        case "high": self = .high
        case "moderate", "medium": self = .medium
        case "low": self = .low
        default: return nil
        }
    }

    /// The record's severity: a CVSS v3 vector's computed base score first, then the database's word
    /// (GHSA's review), then the Debian upload urgency; unknown otherwise (CVSS v4 vectors are not scored).
    public static func of(_ record: OSVRecord, affected: OSVRecord.Affected?) -> (Severity, Double?) {
        for entry in record.severity ?? [] where entry.type == "CVSS_V3" {
            if let score = CVSS.baseScore(entry.score) { return (Severity(score: score), score) }
        }
        let words = [
            record.databaseSpecific?.severity, affected?.databaseSpecific?.severity, record.databaseSpecific?.urgency,
            affected?.ecosystemSpecific?.urgency,
        ]
        for word in words.compactMap({ $0 }) {
            if let severity = Severity(word: word) { return (severity, nil) }
        }
        return (.unknown, nil)
    }
}
