import ArgumentParser
import Foundation
import Scan

/// `gym db import PATH...`: OSV directories and all.zip archives into the index, in one transaction.
struct DBImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import OSV records from directories and osv.dev's all.zip archives, in one transaction.",
        discussion: """
            Each PATH is a directory of OSV JSON records (any depth) or an ecosystem's all.zip as osv.dev \
            publishes it (read straight from the archive). New and changed records replace those with the same \
            id; withdrawn ones leave the index. A record that does not decode stops the import and leaves the \
            index as it was.
            """)

    @Argument(help: "OSV directories or all.zip archives.")
    var paths: [String]

    @OptionGroup var options: IndexOption

    func run() throws {
        let index = try VulnerabilityIndex(path: options.index ?? VulnerabilityIndex.defaultPath)
        let bar = ProgressBar("importing")
        let summary = try index.importRecords(paths) { _, done, total in bar.update(Int64(done), of: Int64(total)) }
        bar.finish()
        let counts = summary.imported.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        Output.out(
            "imported \(summary.total) records (\(counts.joined(separator: ", "))), removed \(summary.withdrawn) withdrawn, into \(index.database.path)"
        )
    }
}
