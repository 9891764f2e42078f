import Hummingbird
import NIOCore

/// What a request carries through the routes: the member its token names (set by `TokenMiddleware`) and the
/// address it came from (the rate limit's key when there is no token).
public struct ClassRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var member: ClassMember?
    public let remoteAddress: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Submissions carry a workspace: up to 4 MiB of JSON.
    public var maxUploadSize: Int { ClassServer.maximumRequestBytes }

    /// The member, or 401.
    func requireMember() throws(ServerError) -> ClassMember {
        guard let member else {
            throw .unauthorized("send `Authorization: Bearer TOKEN` (`gym login` stores one)")
        }
        return member
    }

    /// The class's instructor, or 403.
    func requireInstructor() throws(ServerError) -> ClassMember {
        let member = try requireMember()
        guard member.role == .instructor else { throw .forbidden("only the class's instructor sees this") }
        return member
    }
}
