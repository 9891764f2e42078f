/// How much a finding matters. Ordered: error > warning > info > style.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case error, warning, info, style

    var rank: Int {
        switch self {
        case .error: return 3
        case .warning: return 2
        case .info: return 1
        case .style: return 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// What a rule protects.
public enum RuleCategory: String, Sendable, Codable, CaseIterable {
    case cache, size, security, reproducibility, correctness, style
}
