import ArgumentParser
import Foundation
import Server

/// `gym pages [PAGE]`: a one-time link that logs a browser in to the class's pages.
struct PagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pages",
        abstract: "Print a one-time link that opens the class server's pages in your browser.",
        discussion: """
            The link carries a code, not your token: it works once, within two minutes, and then your browser \
            keeps the login in a cookie. Your token never appears in a URL, so it is not written into a \
            proxy's log or the browser's history. PAGE is leaderboard (the default), progress (the instructor's \
            grid), students/NAME, or any path on the server.

            Examples:
              gym pages
              gym pages progress
              gym pages students/ada --format json
            """)

    @Argument(help: "The page: leaderboard, progress, students/NAME or a path.")
    var page: String = "leaderboard"

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    func run() async throws {
        let login = try ClassLogin.load()
        let path = page.hasPrefix("/") ? page : "/" + page
        let link = try await ClassClient(login).loginLink(page: path)
        Output.out(format == .json ? try ClassReporter.json(link) : ClassReporter.text(link), terminator: "")
    }
}
