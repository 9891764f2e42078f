import Foundation
import Gym
import Hummingbird

/// Submissions: accepted (committed, then 202) and queued for a worker; read back by their student or the
/// instructor.
struct SubmissionRoutes {
    let server: ClassServer

    func add(to router: ClassRoutes) {
        router.post("/api/submissions") { request, context in
            let member = try context.requireMember()
            guard member.role == .student else { throw ServerError.forbidden("only students submit") }
            let submission = try await JSONBody.decode(SubmissionRequest.self, from: request, context: context)
            try server.validate(submission)
            let id = try await server.store.submit(
                submission, by: member, at: Date(), fingerprint: server.baselines.fingerprint(submission))
            var response = try JSONBody.response(
                SubmissionAccepted(id: id, status: .queued, location: "/api/submissions/\(id)"), status: .accepted)
            response.headers[.location] = "/api/submissions/\(id)"
            return response
        }
        router.get("/api/submissions/{id}") { _, context in
            let member = try context.requireMember()
            guard let id = context.parameters.get("id", as: Int64.self) else {
                throw ServerError.badRequest("a submission ID is a number")
            }
            guard let (submission, owner, classID) = try await server.store.submission(id: id),
                owner == member.id || (member.role == .instructor && classID == member.classID)
            else { throw ServerError.notFound("no submission \(id) of yours") }
            return try JSONBody.response(submission)
        }
    }
}

extension ClassServer {
    /// A submission the server can grade: a known exercise, a workspace of relative paths within the size
    /// limit (the server builds it; no image a client sends is ever measured). Nothing is stored when this
    /// throws.
    func validate(_ submission: SubmissionRequest) throws(ServerError) {
        guard let exercise = exercises.first(where: { $0.slug == submission.exercise }) else {
            throw .badRequest(
                "unknown exercise `\(submission.exercise)`; known: \(exercises.map(\.slug).joined(separator: ", "))")
        }
        // the learner's own claims are shown beside the server's measurements: bounded before they are kept
        if let hints = submission.claimed.hints, !(0...exercise.hints.count).contains(hints) {
            throw .badRequest("claimed.hints is \(hints); \(exercise.slug) has 0 to \(exercise.hints.count) hints")
        }
        if let size = submission.claimed.sizeBytes, !(0...ClassServer.maximumClaimedImageBytes).contains(size) {
            throw .badRequest("claimed.sizeBytes is \(size); 0 to \(ClassServer.maximumClaimedImageBytes) bytes")
        }
        var total = 0
        var seen = Set<String>()
        for file in submission.workspace {
            let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
            guard !file.path.isEmpty, !file.path.hasPrefix("/"), !parts.contains(".."), !parts.contains(""),
                seen.insert(file.path).inserted
            else { throw .badRequest("workspace path `\(file.path)`: a relative path inside the workspace, once") }
            guard let bytes = Data(base64Encoded: file.content) else {
                throw .badRequest("workspace file `\(file.path)`: content is not base64")
            }
            total += bytes.count
        }
        guard total <= ClassServer.maximumWorkspaceBytes else {
            throw .badRequest(
                "the workspace is \(total) bytes; at most \(ClassServer.maximumWorkspaceBytes) (leave build outputs out)"
            )
        }
    }
}
