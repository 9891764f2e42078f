import ArgumentParser
import Base
import Context
import Foundation
import Scan

/// `gym db update`: the ecosystems' all.zip archives from a mirror, conditionally, imported in one transaction.
struct DBUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Download the ecosystems' all.zip archives from a mirror and replace their records.",
        discussion: """
            Asks the mirror (laid out as osv.dev's bucket: BASE/ECOSYSTEM/all.zip) for each ecosystem the index \
            holds, or those named with --ecosystem, sending the ETag and Last-Modified of the last download, so \
            an unchanged archive costs one request. Every archive is downloaded, checked against its \
            Content-Length and read through before anything is written; then the ecosystems' records are \
            replaced in one transaction. Any failure (unreachable, 404, a truncated or corrupt archive, a \
            server that stalls for --timeout seconds) leaves the index whole.
            """)

    @OptionGroup var options: IndexOption

    @Option(help: "Mirror base URL (default: osv.dev's bucket, https://osv-vulnerabilities.storage.googleapis.com).")
    var mirror: String?

    @Option(
        help:
            "Ecosystem to download (PyPI, npm, Go, Debian, Ubuntu, Alpine). Repeatable; default: those the index holds."
    )
    var ecosystem: [String] = []

    @Option(help: "Seconds without data before a download fails.")
    var timeout: Double = 60

    func run() throws {
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        var base = OSVMirror.osvDev
        if let mirror {
            guard let url = URL(string: mirror), url.scheme == "http" || url.scheme == "https" else {
                throw ValidationError("--mirror \(mirror): expected an http or https URL")
            }
            base = url
        }
        let index = try VulnerabilityIndex(path: options.index ?? VulnerabilityIndex.defaultPath)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gym-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let bar = ProgressBar("downloading")
        let updates = try index.update(
            from: OSVMirror(base: base, timeout: timeout), ecosystems: ecosystem, scratch: scratch
        ) { _, done, total in bar.update(done, of: total, bytes: true) }
        bar.finish()
        for update in updates {
            Output.out(
                update.outcome == .unchanged
                    ? "\(update.ecosystem): unchanged"
                    : "\(update.ecosystem): \(update.records) records (\(ByteCount.text(update.bytes)))")
        }
    }
}
