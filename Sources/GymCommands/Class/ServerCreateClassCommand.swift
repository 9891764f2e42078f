import ArgumentParser
import Foundation
import Server

/// `gym server create-class NAME`: a class, its instructor token and its invite code.
struct ServerCreateClassCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-class",
        abstract: "Create a class: prints the instructor token and the students' invite code, once.",
        discussion: """
            Both are stored only hashed: keep them. Give the invite code to the students (gym login URL --invite \
            CODE --name NAME); log in as the instructor with gym login URL --token TOKEN.
            """)

    @Argument(help: "The class's name.")
    var name: String

    @OptionGroup var databaseOptions: ClassDatabaseOptions

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    func run() async throws {
        let name = name
        let created = try await databaseOptions.withStore { try await $0.createClass(name: name) }
        Output.out(format == .json ? try ClassReporter.json(created) : ClassReporter.text(created), terminator: "")
    }
}
