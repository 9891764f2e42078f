import Foundation
import Hummingbird

/// Finds the member behind a request's token (`Authorization: Bearer`, or the `gym_token` cookie a page
/// login sets), limits each token's (or address's) request rate, and turns a `ServerError` into its status
/// with a JSON reason.
struct TokenMiddleware: RouterMiddleware {
    typealias Context = ClassRequestContext
    let store: any ClassStore
    let limiter: RateLimiter

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
            return Self.response(error)
        }
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
        case .rateLimited: return .tooManyRequests
        case .tooLarge: return .contentTooLarge
        case .database, .client, .refused, .login, .grading: return .internalServerError
        }
    }

    static func response(_ error: ServerError) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if case .rateLimited(let seconds) = error { headers[.retryAfter] = "\(seconds)" }
        let body = (try? JSONEncoder().encode(["error": error.description])) ?? Data()
        return Response(status: status(error), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
