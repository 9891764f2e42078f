import ArgumentParser
import Rendering
import Scan

/// `gym db status`: what the index holds.
struct DBStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the index: records per ecosystem, the newest modification, where it lives.")

    @OptionGroup var options: IndexOption

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    func run() throws {
        let status = try VulnerabilityIndex(path: options.index ?? VulnerabilityIndex.defaultPath).status()
        if format == .json {
            Output.out(try JSONText.encode(status))
            return
        }
        var lines = [
            "index \(status.path): \(status.records) records" + (status.source.map { ", from \($0)" } ?? "")
        ]
        for ecosystem in status.ecosystems {
            lines.append(
                "  " + ecosystem.ecosystem.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(ecosystem.records).padding(toLength: 8, withPad: " ", startingAt: 0)
                    + "newest \(ecosystem.newestModified ?? "unknown")")
        }
        if status.records == 0 { lines.append("empty: gym db import PATH..., or gym db update --ecosystem NAME") }
        Output.out(lines.joined(separator: "\n"))
    }
}
