import Foundation
import Hummingbird
import TestSupport
import Testing

@testable import Server

/// The week's results where the class talks: a verified submission that enters the size challenge's top 3
/// or beats the record is put in the store's outbox by the worker that graded it, and posted to the webhook
/// once, retried with backoff when the webhook fails.
@Suite(.ownThreads)
struct AnnouncementTests {
    var kind: StoreKind = .sqlite

    /// A webhook on a loopback port: answers `failures` requests 500, then 204, and keeps every body.
    final class Webhook: @unchecked Sendable {
        private let lock = NSLock()
        private var bodies: [String] = []
        private var failuresLeft: Int
        let task: Task<Void, any Error>
        let url: String

        init(failures: Int) async throws {
            failuresLeft = failures
            let router = Router()
            let (ports, continuation) = AsyncStream<Int>.makeStream()
            let box = Box()
            router.post("/hook") { request, _ -> HTTPResponse.Status in
                let body = try await request.body.collect(upTo: 1 << 20)
                return box.webhook?.receive(String(buffer: body)) ?? .internalServerError
            }
            let application = Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) })
            task = Task { try await application.runService() }
            var port = 0
            for await bound in ports {
                port = bound
                break
            }
            url = "http://127.0.0.1:\(port)/hook"
            box.webhook = self
        }

        final class Box: @unchecked Sendable { weak var webhook: Webhook? }

        func receive(_ body: String) -> HTTPResponse.Status {
            lock.withLock {
                bodies.append(body)
                if failuresLeft > 0 {
                    failuresLeft -= 1
                    return .internalServerError
                }
                return .noContent
            }
        }

        var received: [String] { lock.withLock { bodies } }
    }

    /// A class with graded size-challenge submissions: (student, size) in order, each passed.
    func seeded(_ store: any ClassStore, _ sizes: [(String, Int64)]) async throws -> (String, [Int64]) {
        let created = try await store.createClass(name: "week 2")
        var ids: [Int64] = []
        var members: [String: ClassMember] = [:]
        for (name, size) in sizes {
            if members[name] == nil {
                let token = try await store.join(inviteCode: created.inviteCode, name: name).token
                members[name] = try #require(try await store.member(token: token))
            }
            let id = try await store.submit(
                SubmissionRequest(
                    exercise: Leaderboards.sizeChallenge, workspace: [],
                    claimed: ClaimedResult(passed: true, sizeBytes: nil, hints: 0)), by: members[name]!, at: Date())
            _ = try #require(try await store.claim(worker: "w", lease: 60, now: Date()))
            let verdict = Verdict(
                passed: true, checks: [], sizeBytes: size, baseImage: "debian:bookworm-slim", reason: nil)
            #expect(try await store.finish(id: id, worker: "w", status: .passed, verdict: verdict, at: Date()))
            try await Announcer.keep(afterPassing: id, in: store)
            ids.append(id)
        }
        return (created.classID, ids)
    }

    @Test func theTopThreeAndTheRecordAreKeptOnceEach() async throws {
        try await kind.withStore { store, _ in
            // ada, bob and cy make the podium; dee is fourth; ada's larger second try is no news; eve beats the record
            let (_, ids) = try await seeded(
                store,
                [
                    ("ada", 90_000_000), ("bob", 120_000_000), ("cy", 150_000_000), ("dee", 170_000_000),
                    ("ada", 95_000_000), ("eve", 60_000_000),
                ])
            var kept: [Announcement] = []
            while let pending = try await store.nextAnnouncement(now: Date(), hold: 60) {
                kept.append(pending.announcement)
                try await store.announcementPosted(id: pending.id, at: Date())
            }
            #expect(kept.map(\.submissionID) == [ids[0], ids[1], ids[2], ids[5]])
            #expect(kept.map(\.rank) == [1, 2, 3, 1])
            #expect(kept.last?.beatsRecord == true && kept.first?.beatsRecord == false)
            // a second verdict on the same submission (a worker taking over) adds nothing
            #expect(try await store.enqueue(kept[0], at: Date()) == false)
            #expect(try await store.nextAnnouncement(now: Date(), hold: 60) == nil)
            let text = try #require(kept.last?.text)
            #expect(
                text
                    == "`eve`'s image-size-challenge image is 60.0 MB on `debian:bookworm-slim`, verified by the server: rank 1 and beats the course's record of 68.0 MB."
            )
        }
    }

    @Test func aFailingWebhookIsRetriedWithBackoffAndPostedOnce() async throws {
        try await kind.withStore { store, _ in
            let webhook = try await Webhook(failures: 2)
            _ = try await seeded(store, [("ada", 90_000_000)])
            let announcer = Announcer(store: store, url: webhook.url, poll: .milliseconds(20), firstRetry: 0.2)
            #expect(announcer.retryDelay(after: 1) == 0.2 && announcer.retryDelay(after: 3) == 0.8)
            #expect(Announcer(store: store, url: webhook.url).retryDelay(after: 40) == 600)
            #expect(try await announcer.postNext() == false)
            // held back until its retry time: nothing is due at once
            #expect(try await announcer.postNext() == nil)
            let running = Task { try await announcer.run() }
            let deadline = ContinuousClock.now + .seconds(30)
            while webhook.received.count < 3 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            try await Task.sleep(for: .milliseconds(500))
            running.cancel()
            #expect(webhook.received.count == 3, "posted once after two failures: \(webhook.received)")
            let body = try #require(webhook.received.last)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            #expect((json["content"] as? String)?.hasPrefix("`ada`'s image-size-challenge image is 90.0 MB") == true)
            #expect(json["text"] as? String == json["content"] as? String)
            #expect((json["allowed_mentions"] as? [String: Any])?["parse"] as? [String] == [])
            webhook.task.cancel()
        }
    }
}

/// The outbox on PostgreSQL: the same answers.
@Suite(.ownThreads, .enabled(if: LoopbackPostgres.isAvailable, LoopbackPostgres.skipMessage))
struct PostgresAnnouncementTests {
    @Test func keptOnce() async throws {
        try await AnnouncementTests(kind: .postgres).theTopThreeAndTheRecordAreKeptOnceEach()
    }

    @Test func retried() async throws {
        try await AnnouncementTests(kind: .postgres).aFailingWebhookIsRetriedWithBackoffAndPostedOnce()
    }
}
