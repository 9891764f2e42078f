import Foundation
import Gym
import Image
import Registry

/// `gym submit`: the learner's own check, the built image pushed to the class registry by digest, and the
/// submission posted. The server measures everything again; what this sends is only a claim.
public enum ClassSubmission {
    /// What was sent and what the local check said.
    public struct Outcome: Sendable {
        public var accepted: SubmissionAccepted
        public var image: String
        public var localResults: [CheckResult]
    }

    /// Runs the exercise's checks on `workspace`, pushes the image they built, posts the submission.
    public static func submit(
        _ exercise: Exercise, workspace: URL, login: ClassLogin, hints: Int?, registryOptions: RegistryOptions,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(ServerError) -> Outcome {
        let client = ClassClient(login)
        let me = try blocking { () async throws(ServerError) in try await client.me() }
        guard let registry = me.registry else {
            throw .login("the class server names no registry to push to (`gym server --registry HOST:PORT`)")
        }
        let files = try SubmittedWorkspace.read(workspace)
        var pushed: Result<(String, Int64?), ServerError> = .failure(.grading("the image did not build"))
        let results = Grader.check(exercise, in: workspace, progress: progress) { context in
            guard case .success(let built) = context.image(), let id = built.imageID else { return }
            progress("pushing the image to \(registry) ...")
            pushed = Result { () throws(ServerError) -> (String, Int64?) in
                let target = RegistryReference(
                    registry: registry, repository: "gym/\(me.classID)/\(me.name)/\(exercise.slug)",
                    tag: "attempt-\(Int(Date().timeIntervalSince1970))", digest: nil)
                do {
                    let blobs = try ImageSource.load(id).blobs()
                    let result = try ImageLocator.blocking { () async throws(RegistryError) -> PushResult in
                        try await RegistryClient.with(registryOptions) { client throws(RegistryError) in
                            try await client.push(blobs, to: target)
                        }
                    }
                    return ("\(registry)/\(target.repository)@\(result.manifestDigest)", built.imageSize)
                } catch let error as RegistryError {
                    throw .client(url: registry, reason: "\(error)")
                } catch {
                    throw .client(url: registry, reason: "cannot read the built image: \(error)")
                }
            }
        }
        let (image, size) = try pushed.get()
        let request = SubmissionRequest(
            exercise: exercise.slug, image: image, workspace: files,
            claimed: ClaimedResult(passed: results.allSatisfy(\.passed), sizeBytes: size, hints: hints))
        let accepted = try blocking { () async throws(ServerError) in try await client.submit(request) }
        return Outcome(accepted: accepted, image: image, localResults: results)
    }

    /// Runs async client work from synchronous code (a command), on a task of its own.
    public static func blocking<T: Sendable>(
        _ work: @escaping @Sendable () async throws(ServerError) -> T
    )
        throws(ServerError) -> T
    {
        do {
            return try ImageLocator.blocking { () async throws(RegistryError) -> Result<T, ServerError> in
                do throws(ServerError) { return .success(try await work()) } catch { return .failure(error) }
            }.get()
        } catch let error as ServerError {
            throw error
        } catch {
            throw .client(url: "", reason: "\(error)")
        }
    }
}
