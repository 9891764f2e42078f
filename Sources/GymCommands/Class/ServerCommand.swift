import ArgumentParser
import Foundation
import Server
import Storage

/// `gym server`: the class server (run, create-class).
struct ServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run a class: verified submissions, the image size leaderboard, the class's progress.",
        discussion: """
            An instructor creates a class once (gym server create-class NAME prints the instructor token and the \
            invite code), then runs the server. Students join with the invite code (gym login) and submit their \
            exercises (gym submit). The server never trusts a client's numbers: a grading worker pulls each \
            submitted image by digest into the server's engine and runs the exercise's checks again; only that \
            verdict reaches the leaderboard and the progress grid.

            State lives in one SQLite file (default: $GYM_HOME/class.sqlite, else ~/.gym/class.sqlite).

            Examples:
              gym server create-class "Week 2, Tuesday group"
              gym server run --registry 127.0.0.1:5000 --port 8080
              gym server run --workers 0          (pages and API only)
              gym server work                     (grading workers only, on another machine sharing the database)
            """,
        subcommands: [ServerRunCommand.self, ServerWorkCommand.self, ServerCreateClassCommand.self],
        defaultSubcommand: ServerRunCommand.self)
}

/// Where the class's state is, shared by the server subcommands.
struct ClassDatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The class database: a SQLite file path.", valueName: "path"))
    var database: String?

    func store() throws -> SQLiteClassStore {
        let location = database ?? GymHome.directory + "/class.sqlite"
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            throw CommandFailure("--database \(location): PostgreSQL is not supported yet; give a SQLite file path")
        }
        return try SQLiteClassStore(path: location)
    }
}

/// Runs async library work to its end from a synchronous command.
func waitFor(_ work: @escaping @Sendable () async throws -> Void) throws {
    final class Outcome: @unchecked Sendable { var error: (any Error)? }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do { try await work() } catch { outcome.error = error }
        done.signal()
    }
    done.wait()
    if let error = outcome.error { throw error }
}
