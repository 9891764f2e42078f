import Foundation
import Hummingbird

/// Joining a class with its invite code, who a token is, and one-time links that log a browser in.
struct AccountRoutes {
    let server: ClassServer

    func add(to router: Router<ClassRequestContext>) {
        router.post("/api/join") { request, context in
            let join = try await JSONBody.decode(JoinRequest.self, from: request, context: context)
            try Self.validate(name: join.name)
            let enrolment = try await server.store.join(inviteCode: join.invite, name: join.name)
            return try JSONBody.response(enrolment, status: .created)
        }
        router.get("/api/me") { _, context in
            let member = try context.requireMember()
            return try JSONBody.response(
                MemberInfo(
                    name: member.name, role: member.role, className: member.className, classID: member.classID,
                    registry: server.configuration.registry))
        }
        router.post("/api/login-links") { request, context in
            _ = try context.requireMember()
            guard let token = TokenMiddleware.token(request) else { throw ServerError.unauthorized("no token") }
            let code = await server.loginLinks.issue(token: token)
            var query = URLComponents()
            query.queryItems = [
                URLQueryItem(name: "code", value: code),
                URLQueryItem(name: "next", value: Self.page(request.uri.queryParameters.get("next"))),
            ]
            return try JSONBody.response(
                LoginLink(
                    path: "/login?" + (query.percentEncodedQuery ?? ""), expiresInSeconds: Int(LoginLinks.lifetime)),
                status: .created)
        }
    }

    /// A page path on this server (never another host): `next` when it is one, else the leaderboard.
    static func page(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/leaderboard" }
        return next
    }

    /// A student's name: what the leaderboard shows and the registry path holds.
    static func validate(name: String) throws(ServerError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard (1...40).contains(name.count), name.lowercased().allSatisfy(allowed.contains), name != "instructor",
            name.first.map({ $0.isLetter || $0.isNumber }) == true
        else {
            throw .badRequest(
                "name `\(name)`: 1 to 40 letters, digits, `.`, `_` or `-`, starting with a letter or digit (not `instructor`)"
            )
        }
    }
}
