import Base
import Rendering

/// `gym context`'s views of a context report.
public enum ContextReporter {
    static func size(_ bytes: Int64) -> String { ByteCount.text(bytes) }

    /// The report as JSON.
    public static func json(_ report: ContextReport) throws(RenderingError) -> String {
        try JSONText.encode(report)
    }

    /// What is sent, the largest files and directories, secrets, and what each COPY selects, for a terminal.
    public static func text(_ report: ContextReport, directory: String) -> String {
        var lines = [
            "context \(directory): \(report.files) files, \(size(report.bytes)) sent to the builder",
            report.ignoreFile.map {
                "  \($0) keeps out \(report.excludedFiles) \(report.excludedFiles == 1 ? "file" : "files") (\(size(report.excludedBytes)))"
            }
                ?? "  no .dockerignore: everything is sent (gym context --suggest)",
        ]
        if !report.largestFiles.isEmpty {
            lines.append("largest files:")
            for entry in report.largestFiles {
                lines.append("  \(size(entry.bytes).padding(toLength: 10, withPad: " ", startingAt: 0)) \(entry.path)")
            }
        }
        if !report.largestDirectories.isEmpty {
            lines.append("largest directories:")
            for entry in report.largestDirectories {
                lines.append(
                    "  \(size(entry.bytes).padding(toLength: 10, withPad: " ", startingAt: 0)) \(entry.path) (\(entry.files) files)"
                )
            }
        }
        if !report.secrets.isEmpty {
            lines.append("look like secrets, and are sent:")
            for path in report.secrets.prefix(20) { lines.append("  ! \(path)") }
        }
        if !report.copies.isEmpty {
            lines.append("what each COPY/ADD selects:")
            for copy in report.copies {
                lines.append(
                    "  line \(copy.line): \(copy.instruction.prefix(60)) → \(copy.files) files, \(size(copy.bytes))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
