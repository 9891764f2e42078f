import Rendering

/// `gym doctor`'s views of its checks: a line each (ok, MISS, or -- for an optional builder) with the fix
/// under it, or JSON.
public enum DoctorReporter {
    struct Entry: Encodable {
        var name: String
        var ok: Bool
        var detail: String
        var fix: String?
    }

    public static func json(_ checks: [EngineDoctor.Check]) throws(RenderingError) -> String {
        try JSONText.encode(checks.map { Entry(name: $0.name, ok: $0.ok, detail: $0.detail, fix: $0.fix) })
    }

    public static func text(_ checks: [EngineDoctor.Check]) -> String {
        checks.map { check in
            let mark = check.ok ? "ok  " : check.optional ? "--  " : "MISS"
            return "\(mark) \(check.name): \(check.detail)" + (check.fix.map { "\n     → \($0)" } ?? "")
        }.joined(separator: "\n")
    }
}
