import ArgumentParser
import Foundation
import Server

/// `gym login URL`: joins a class (or logs the instructor in) and keeps the token.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Join a class on its server and keep your token (in $GYM_HOME/class.json, mode 0600).",
        discussion: """
            Students give the invite code the instructor shared and the name the leaderboard shows; the \
            instructor gives the token gym server create-class printed.

            Examples:
              gym login http://127.0.0.1:8080 --invite 3f9c0a1b2d4e --name ada
              gym login http://127.0.0.1:8080 --token gymi_...
            """)

    @Argument(help: "The class server's URL.")
    var url: String

    @Option(help: "The class's invite code.")
    var invite: String?

    @Option(help: "Your name in the class (letters, digits, . _ -).")
    var name: String?

    @Option(help: "An existing token (the instructor's).")
    var token: String?

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    func validate() throws {
        guard (invite != nil && name != nil) != (token != nil) else {
            throw ValidationError("give --invite and --name to join, or --token to log in with a token")
        }
    }

    func run() async throws {
        let (url, invite, name, token) = (url, invite, name, token)
        var secret = token ?? ""
        if let invite, let name {
            secret = try await ClassClient(server: url, token: nil).join(invite: invite, name: name).token
        }
        let me = try await ClassClient(server: url, token: secret).me()
        let login = ClassLogin(server: url, token: secret, name: me.name, className: me.className, role: me.role)
        try login.save()
        Output.out(format == .json ? try ClassReporter.json(login.public) : ClassReporter.text(login), terminator: "")
    }
}
