import Foundation
import Hummingbird
import Mustache

/// Finds the member behind a request's token (`Authorization: Bearer`, or the `gym_token` cookie a page
/// login sets), limits each token's (or address's) request rate, and turns an error into its status: JSON
/// under `/api/`, an HTML page everywhere a browser goes (a visitor without a session gets the page that says
/// how to log in). A known path asked with a method it does not take is a 405 with `Allow`.
struct TokenMiddleware: RouterMiddleware {
    typealias Context = ClassRequestContext
    let store: any ClassStore
    let limiter: RateLimiter
    let routes: ClassRoutes
    let pages: MustacheLibrary

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        do {
            let token = Self.token(request)
            if let token { context.member = try await store.member(token: token) }
            // guessing tokens is rate limited too: an unknown token counts against its address
            try await limiter.admit(context.member.map { "member:" + $0.id } ?? "address:" + context.remoteAddress)
            if token != nil, context.member == nil {
                throw ServerError.unauthorized("the token is not one this server issued")
            }
            return try await next(request, context)
        } catch let error as ServerError {
            return response(error, to: request)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = routes.allowed(request.uri.path)
            guard !allowed.isEmpty else {
                return response(.notFound("no page or API at \(request.uri.path)"), to: request)
            }
            var answer = response(
                .methodNotAllowed(
                    "\(request.method.rawValue) \(request.uri.path): it takes \(allowed.map(\.rawValue).joined(separator: ", "))"
                ),
                to: request)
            answer.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            return answer
        }
    }

    /// JSON for the API, an HTML page for a browser's routes.
    func response(_ error: ServerError, to request: Request) -> Response {
        guard !request.uri.path.hasPrefix("/api/") else { return Self.response(error) }
        return ErrorPage.response(error, status: Self.status(error), pages: pages)
    }

    static func token(_ request: Request) -> String? {
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
            if !token.isEmpty { return token }
        }
        return request.cookies["gym_token"]?.value
    }

    static func status(_ error: ServerError) -> HTTPResponse.Status {
        switch error {
        case .badRequest: return .badRequest
        case .unauthorized: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .methodNotAllowed: return .methodNotAllowed
        case .rateLimited: return .tooManyRequests
        case .tooLarge: return .contentTooLarge
        case .database, .client, .refused, .login, .grading, .installation: return .internalServerError
        }
    }

    static func response(_ error: ServerError) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if case .rateLimited(let seconds) = error { headers[.retryAfter] = "\(seconds)" }
        let body = (try? JSONEncoder().encode(["error": error.description])) ?? Data()
        return Response(status: status(error), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
