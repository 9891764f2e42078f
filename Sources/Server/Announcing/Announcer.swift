import AsyncHTTPClient
import Foundation
import NIOCore

/// Posts the outbox's announcements to the class's chat webhook (`gym server run --announce URL`), each once:
/// a 2xx answer marks it posted; anything else (an error status, no answer in 10 s) tries again later, waiting
/// twice as long each time (from `firstRetry`, at most 10 minutes). It runs beside the workers and never holds
/// them up: a worker only puts a row in the outbox.
public struct Announcer: Sendable {
    let store: any ClassStore
    let url: String
    let poll: Duration
    let firstRetry: TimeInterval

    public init(store: any ClassStore, url: String, poll: Duration = .seconds(1), firstRetry: TimeInterval = 2) {
        self.store = store
        self.url = url
        self.poll = poll
        self.firstRetry = firstRetry
    }

    /// The wait before attempt `attempts + 1`.
    func retryDelay(after attempts: Int) -> TimeInterval {
        min(600, firstRetry * pow(2, Double(max(0, attempts - 1))))
    }

    /// Posts until cancelled; `onEvent` hears each post and each failure.
    public func run(onEvent: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        while !Task.isCancelled {
            do {
                if try await postNext(onEvent: onEvent) == nil { try await Task.sleep(for: poll) }
            } catch let error as ServerError {
                onEvent("announcements: \(error); trying again")
                try await Task.sleep(for: poll)
            }
        }
    }

    /// Posts the next due announcement, if there is one: whether the webhook took it.
    @discardableResult
    public func postNext(onEvent: @Sendable (String) -> Void = { _ in }) async throws(ServerError) -> Bool? {
        guard let pending = try await store.nextAnnouncement(now: Date(), hold: 60) else { return nil }
        let failure: String
        do {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(
                ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: pending.announcement.body)))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            if (200..<300).contains(response.status.code) {
                try await store.announcementPosted(id: pending.id, at: Date())
                onEvent("announced submission \(pending.announcement.submissionID): \(pending.announcement.text)")
                return true
            }
            failure = "the webhook answered \(response.status.code)"
        } catch let error as ServerError {
            throw error
        } catch {
            failure = "\(error)"
        }
        let delay = retryDelay(after: pending.attempts)
        try await store.announcementRetry(id: pending.id, at: Date().addingTimeInterval(delay))
        onEvent(
            "announcing submission \(pending.announcement.submissionID) failed (attempt \(pending.attempts)): "
                + "\(failure); again in \(Int(delay)) s")
        return false
    }

    /// After a verdict passed a size-challenge submission: the announcement it earned goes in the outbox.
    static func keep(afterPassing submissionID: Int64, in store: any ClassStore) async throws(ServerError) {
        guard let (_, _, classID) = try await store.submission(id: submissionID) else { return }
        let board = try await store.leaderboard(classID: classID, exercise: Leaderboards.sizeChallenge)
        guard let announcement = Announcement.earned(by: submissionID, classID: classID, on: board) else { return }
        _ = try await store.enqueue(announcement, at: Date())
    }
}
