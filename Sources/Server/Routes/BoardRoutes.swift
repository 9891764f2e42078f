import Foundation
import Hummingbird

/// The data behind the pages, as JSON: the leaderboard (every member of the class), the progress grid (the
/// instructor) and one student's history (that student or the instructor).
struct BoardRoutes {
    let server: ClassServer

    func add(to router: ClassRoutes) {
        router.get("/api/leaderboard") { _, context in
            let member = try context.requireMember()
            return try await server.cached("/api/leaderboard", for: member) { () async throws(ServerError) in
                try JSONBody.page(try await server.leaderboard(for: member))
            }
        }
        router.get("/api/progress") { _, context in
            let member = try context.requireInstructor()
            return try await server.cached("/api/progress", for: member) { () async throws(ServerError) in
                try JSONBody.page(try await server.progress(for: member))
            }
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
        let shared = SharedChanges(
            try await store.changes(classID: instructor.classID, references: baselines.references), baselines: baselines
        )
        for row in grid.rows.indices {
            for cell in grid.rows[row].cells.indices {
                let (student, exercise) = (grid.rows[row].student, grid.rows[row].cells[cell].exercise)
                let others = shared.others(of: student, in: exercise)
                grid.rows[row].cells[cell].sameChangesAs = others.isEmpty ? nil : others
                grid.rows[row].cells[cell].referenceSolution =
                    shared.submittedReference(student, in: exercise) ? true : nil
            }
        }
        return grid
    }

    func history(of student: String, for member: ClassMember) async throws(ServerError) -> [Submission] {
        guard member.role == .instructor || member.name == student else {
            throw .forbidden("a student sees only their own submissions")
        }
        var submissions = try await store.history(classID: member.classID, student: student)
        let shared = SharedChanges(
            try await store.changes(classID: member.classID, references: baselines.references), baselines: baselines)
        for index in submissions.indices {
            let id = submissions[index].id
            let others = shared.others(ofSubmission: id)
            if !others.isEmpty {
                // a student learns that a classmate made the same changes, not who
                submissions[index].sameChangesAs =
                    member.role == .instructor ? others : others.map { _ in "another student" }
            }
            submissions[index].referenceSolution = shared.isReference(id) ? true : nil
        }
        return submissions
    }
}
