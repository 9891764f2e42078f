import Foundation

/// Check results as JUnit XML, the format CI systems (GitLab, Jenkins, GitHub's test reporters) read: one
/// test suite per exercise, one test case per check, a failure carrying what was measured and the advice.
public enum JUnitReport {
    public static func render(_ graded: [(exercise: Exercise, results: [CheckResult])]) -> String {
        let failures = graded.reduce(0) { $0 + $1.results.filter { !$0.passed }.count }
        let tests = graded.reduce(0) { $0 + $1.results.count }
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<testsuites name="gym check" tests="\#(tests)" failures="\#(failures)">"#,
        ]
        for (exercise, results) in graded {
            let failed = results.filter { !$0.passed }.count
            lines.append(
                #"  <testsuite name="\#(escape(exercise.slug))" tests="\#(results.count)" failures="\#(failed)">"#)
            for result in results {
                let name =
                    #"name="\#(escape(result.title))" classname="\#(escape(exercise.slug)).\#(escape(result.id))""#
                if result.passed {
                    lines.append("    <testcase \(name)><system-out>\(escape(result.measured))</system-out></testcase>")
                } else {
                    lines.append("    <testcase \(name)>")
                    lines.append(
                        #"      <failure message="\#(escape(result.measured))">\#(escape(result.advice ?? ""))</failure>"#
                    )
                    lines.append("    </testcase>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                // XML 1.0 forbids most control characters
                if scalar.value < 0x20 { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
