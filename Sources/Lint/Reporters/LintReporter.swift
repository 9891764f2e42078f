import Dockerfile
import Foundation
import Rendering

/// Output formats of `gym lint`.
public enum LintReportFormat: String, CaseIterable, Sendable {
    case tty, json, sarif, checkstyle, gitlab, github, markdown
}

/// Renders lint results in each output format. Pure: returns text.
public enum LintReporter {
    /// One linted file: its result and its lines (for the excerpt under each finding).
    public struct FileInput: Sendable {
        public var result: LintResult
        public var lines: [String]
        public init(result: LintResult, lines: [String]) {
            self.result = result
            self.lines = lines
        }
    }

    /// `toolVersion` goes into SARIF's driver.
    public static func render(
        _ inputs: [FileInput], format: LintReportFormat, color: Bool, toolVersion: String
    )
        throws -> String
    {
        switch format {
        case .tty, .markdown: return tty(inputs, color: color)
        case .json: return try json(inputs)
        case .sarif: return try sarif(inputs, toolVersion: toolVersion).json()
        case .checkstyle: return checkstyle(inputs)
        case .gitlab: return try gitlab(inputs)
        case .github: return github(inputs)
        }
    }

    static func paint(_ text: String, _ code: String, _ color: Bool) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func severityColor(_ severity: Severity) -> String {
        switch severity {
        case .error: return "1;31"
        case .warning: return "1;33"
        case .info: return "1;36"
        case .style: return "1;35"
        }
    }

    static func tty(_ inputs: [FileInput], color: Bool) -> String {
        var out: [String] = []
        var counts: [Severity: Int] = [:]
        for input in inputs {
            if let error = input.result.parseError {
                let place = error.location.map { ":\($0.start.line):\($0.start.column)" } ?? ""
                out.append(paint("\(input.result.file)\(place): error: \(error.message)", "1;31", color))
                continue
            }
            for finding in input.result.findings {
                counts[finding.severity, default: 0] += 1
                let r = finding.range
                out.append(
                    "\(paint("\(finding.file):\(r.start.line):\(r.start.column)", "1", color)): "
                        + "\(paint(finding.severity.rawValue, severityColor(finding.severity), color)) "
                        + "\(finding.message) \(paint("[\(finding.rule)]", "2", color))")
                if r.start.line >= 1, r.start.line <= input.lines.count {
                    let line = input.lines[r.start.line - 1]
                    let gutter = String(r.start.line)
                    out.append("  \(paint(gutter, "2", color)) | \(line)")
                    let width = r.start.line == r.end.line ? max(1, r.end.column - r.start.column + 1) : 1
                    let pad = String(repeating: " ", count: max(0, r.start.column - 1))
                    out.append(
                        "  \(String(repeating: " ", count: gutter.count)) | \(pad)\(paint("^" + String(repeating: "~", count: max(0, min(width, 80) - 1)), severityColor(finding.severity), color))"
                    )
                }
                out.append("  \(paint("fix:", "32", color)) \(finding.fix)")
                out.append("")
            }
        }
        let files = inputs.count
        let total = counts.values.reduce(0, +)
        if total == 0 && !inputs.contains(where: { $0.result.parseError != nil }) {
            out.append(paint("\(files) file\(files == 1 ? "" : "s") checked: no findings", "32", color))
        } else {
            let parts = Severity.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }
            out.append(
                "\(files) file\(files == 1 ? "" : "s") checked: \(total) finding\(total == 1 ? "" : "s")"
                    + (parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))"))
        }
        return out.joined(separator: "\n")
    }

    struct JSONFinding: Encodable {
        var file: String
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int
        var rule: String
        var severity: String
        var message: String
        var fix: String
    }

    static func flat(_ inputs: [FileInput]) -> [JSONFinding] {
        inputs.flatMap { input -> [JSONFinding] in
            if let error = input.result.parseError {
                let loc = error.location ?? SourceRange(at: SourcePosition(line: 1, column: 1))
                return [
                    JSONFinding(
                        file: input.result.file, line: loc.start.line, column: loc.start.column, endLine: loc.end.line,
                        endColumn: loc.end.column, rule: "parse-error", severity: "error", message: error.message,
                        fix: "Fix the syntax error")
                ]
            }
            return input.result.findings.map { f in
                JSONFinding(
                    file: f.file, line: f.range.start.line, column: f.range.start.column, endLine: f.range.end.line,
                    endColumn: f.range.end.column, rule: f.rule, severity: f.severity.rawValue, message: f.message,
                    fix: f.fix)
            }
        }
    }

    static func json(_ inputs: [FileInput]) throws -> String {
        try JSONText.encode(flat(inputs))
    }

    static func github(_ inputs: [FileInput]) -> String {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
        }
        func property(_ s: String) -> String {
            escape(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        return flat(inputs).map { f in
            let level = f.severity == "error" ? "error" : f.severity == "warning" ? "warning" : "notice"
            return
                "::\(level) file=\(property(f.file)),line=\(f.line),col=\(f.column),endLine=\(f.endLine),endColumn=\(f.endColumn),title=\(property(f.rule))::\(escape(f.message + ". Fix: " + f.fix))"
        }.joined(separator: "\n")
    }

    static func checkstyle(_ inputs: [FileInput]) -> String {
        func xml(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "'", with: "&apos;")
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        let findings = flat(inputs)
        for file in inputs.map(\.result.file) {
            out += "  <file name=\"\(xml(file))\">\n"
            for f in findings where f.file == file {
                let severity = f.severity == "style" ? "info" : f.severity
                out +=
                    "    <error line=\"\(f.line)\" column=\"\(f.column)\" severity=\"\(severity)\" message=\"\(xml(f.message))\" source=\"gym.\(xml(f.rule))\"/>\n"
            }
            out += "  </file>\n"
        }
        return out + "</checkstyle>"
    }

    struct GitLabIssue: Encodable {
        struct Location: Encodable {
            struct Lines: Encodable { var begin: Int; var end: Int }
            var path: String
            var lines: Lines
        }
        var description: String
        var check_name: String
        var fingerprint: String
        var severity: String
        var location: Location
    }

    static func gitlab(_ inputs: [FileInput]) throws -> String {
        let issues = flat(inputs).map { f -> GitLabIssue in
            let severity =
                ["error": "major", "warning": "minor", "info": "info", "style": "info"][f.severity] ?? "info"
            let key = "\(f.file):\(f.line):\(f.column):\(f.rule):\(f.message)"
            return GitLabIssue(
                description: "\(f.rule): \(f.message)", check_name: f.rule, fingerprint: fnv1a(key), severity: severity,
                location: .init(path: f.file, lines: .init(begin: f.line, end: f.endLine)))
        }
        return try JSONText.encode(issues)
    }

    /// A stable 64-bit FNV-1a fingerprint, hex.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
