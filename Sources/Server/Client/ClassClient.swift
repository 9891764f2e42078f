import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Talks to a class server's JSON API.
public struct ClassClient: Sendable {
    public let server: String
    public let token: String?

    public init(server: String, token: String?) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.token = token
    }

    public init(_ login: ClassLogin) { self.init(server: login.server, token: login.token) }

    /// Joins a class with its invite code: the student's token.
    public func join(invite: String, name: String) async throws(ServerError) -> Enrolment {
        try await send(.POST, "/api/join", body: JoinRequest(invite: invite, name: name))
    }

    /// Who the token is, and the class registry.
    public func me() async throws(ServerError) -> MemberInfo {
        try await send(.GET, "/api/me", body: Optional<String>.none)
    }

    /// A one-time link that logs a browser in to `page` (a path on the server).
    public func loginLink(page: String = "/leaderboard") async throws(ServerError) -> BrowserLogin {
        var query = URLComponents()
        query.queryItems = [URLQueryItem(name: "next", value: page)]
        let link: LoginLink = try await send(
            .POST, "/api/login-links?" + (query.percentEncodedQuery ?? ""), body: Optional<String>.none)
        return BrowserLogin(url: server + link.path, expiresInSeconds: link.expiresInSeconds)
    }

    public func submit(_ request: SubmissionRequest) async throws(ServerError) -> SubmissionAccepted {
        try await send(.POST, "/api/submissions", body: request)
    }

    public func submission(_ id: Int64) async throws(ServerError) -> Submission {
        try await send(.GET, "/api/submissions/\(id)", body: Optional<String>.none)
    }

    public func leaderboard() async throws(ServerError) -> Leaderboard {
        try await send(.GET, "/api/leaderboard", body: Optional<String>.none)
    }

    /// The class's progress grid (the instructor's token).
    public func progressGrid() async throws(ServerError) -> ProgressGrid {
        try await send(.GET, "/api/progress", body: Optional<String>.none)
    }

    /// Polls a submission until a worker has graded it, or `timeout` passes (then the last state).
    public func waitForVerdict(_ id: Int64, timeout: Duration = .seconds(600)) async throws(ServerError) -> Submission {
        let deadline = ContinuousClock.now + timeout
        while true {
            let current = try await submission(id)
            if ![.queued, .grading].contains(current.status) || ContinuousClock.now >= deadline { return current }
            // cancelled: the last state, without polling on in a loop that no longer pauses
            do { try await Task.sleep(for: .seconds(1)) } catch { return current }
        }
    }

    func send<Body: Encodable, Answer: Decodable>(
        _ method: HTTPMethod, _ path: String, body: Body?
    )
        async throws(ServerError) -> Answer
    {
        let url = server + path
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            if let body {
                let encoder = JSONEncoder()
                encoder.dateEncodingStrategy = .iso8601
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: try encoder.encode(body)))
            }
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
            let bytes = try await response.body.collect(upTo: 16 << 20)
            let data = Data(bytes.readableBytesView)
            guard (200..<300).contains(response.status.code) else {
                let message =
                    (try? JSONDecoder().decode([String: String].self, from: data))?["error"]
                    ?? String(decoding: data, as: UTF8.self)
                throw ServerError.refused(status: Int(response.status.code), message: message)
            }
            return try decoder.decode(Answer.self, from: data)
        } catch let error as ServerError {
            throw error
        } catch let error as DecodingError {
            throw .client(url: url, reason: "the answer is not what a gym server sends: \(error)")
        } catch {
            throw .client(url: url, reason: "\(error)")
        }
    }
}
