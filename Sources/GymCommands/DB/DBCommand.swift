import ArgumentParser

/// `gym db`: the vulnerability index gym scan matches against.
struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Keep the vulnerability index current: import OSV records, show what it holds, update it.",
        discussion: """
            gym scan matches images against an SQLite index of OSV records (~/.gym/vulndb.sqlite, --index to \
            choose another). It works offline: the index is filled from OSV directories or the all.zip archives \
            osv.dev publishes per ecosystem (gym db import), and brought up to date from a mirror when a \
            network is there (gym db update). Once gym db has filled the index, gym scan uses it as it is \
            instead of importing its default directory.

            Examples:
              gym db import ~/Downloads/PyPI-all.zip ~/Downloads/Debian-all.zip
              gym db status
              gym db update --mirror https://osv-mirror.example.edu
            """,
        subcommands: [DBImportCommand.self, DBStatusCommand.self, DBUpdateCommand.self])
}

/// `--index`, shared by the db subcommands.
struct IndexOption: ParsableArguments {
    @Option(help: "The vulnerability index (default: ~/.gym/vulndb.sqlite).")
    var index: String?
}
