import Foundation
import Hummingbird

/// The data behind the pages, as JSON: the leaderboard (every member of the class), the progress grid (the
/// instructor) and one student's history (that student or the instructor).
struct BoardRoutes {
    let server: ClassServer

    func add(to router: ClassRoutes) {
        router.get("/api/leaderboard") { _, context in
            try JSONBody.response(try await server.leaderboard(for: try context.requireMember()))
        }
        router.get("/api/progress") { _, context in
            try JSONBody.response(try await server.progress(for: try context.requireInstructor()))
        }
        router.get("/api/students/{name}/submissions") { _, context in
            let name = try context.parameters.require("name")
            return try JSONBody.response(try await server.history(of: name, for: try context.requireMember()))
        }
    }
}

extension ClassServer {
    func leaderboard(for member: ClassMember) async throws(ServerError) -> Leaderboard {
        Leaderboard(
            exercise: Leaderboards.sizeChallenge, recordBytes: Leaderboards.recordBytes,
            entries: try await store.leaderboard(classID: member.classID, exercise: Leaderboards.sizeChallenge))
    }

    func progress(for instructor: ClassMember) async throws(ServerError) -> ProgressGrid {
        var grid = try await store.progress(classID: instructor.classID, exercises: exercises.map(\.slug))
        for index in grid.rows.indices where !ClassNames.meetsRule(grid.rows[index].student) {
            grid.rows[index].nameProblem =
                "joined under an older name rule; cannot submit as \(grid.rows[index].student): ask them to join again"
        }
        return grid
    }

    func history(of student: String, for member: ClassMember) async throws(ServerError) -> [Submission] {
        guard member.role == .instructor || member.name == student else {
            throw .forbidden("a student sees only their own submissions")
        }
        return try await store.history(classID: member.classID, student: student)
    }
}
