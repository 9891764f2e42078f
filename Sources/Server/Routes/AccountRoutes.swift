import Foundation
import Hummingbird

/// Joining a class with its invite code, who a token is, and one-time links that log a browser in.
struct AccountRoutes {
    let server: ClassServer

    func add(to router: ClassRoutes) {
        router.post("/api/join") { request, context in
            let join = try await JSONBody.decode(JoinRequest.self, from: request, context: context)
            let enrolment = try await server.store.join(inviteCode: join.invite, name: join.name)
            return try JSONBody.response(enrolment, status: .created)
        }
        router.get("/api/me") { _, context in
            let member = try context.requireMember()
            return try JSONBody.response(
                MemberInfo(
                    name: member.name, role: member.role, className: member.className, classID: member.classID))
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

    /// A page path on this server (never another host): `next` when it is one, else the leaderboard. One
    /// leading `/` and no second (`//host`), no backslash (`/\host`), no control character or whitespace (a
    /// browser strips a tab from `/\t/host` and goes to `//host`), checked on the value and on the value
    /// percent-decoded once more.
    static func page(_ next: String?) -> String {
        guard let next, isLocalPath(next), isLocalPath(next.removingPercentEncoding ?? "") else {
            return "/leaderboard"
        }
        return next
    }

    static func isLocalPath(_ path: String) -> Bool {
        let scalars = Array(path.unicodeScalars)
        guard scalars.first == "/", scalars.count < 2 || (scalars[1] != "/" && scalars[1] != "\\") else { return false }
        return !scalars.contains { scalar in
            scalar == "\\" || scalar.properties.isWhitespace
                || [.control, .format, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory)
        }
    }
}
