import Hummingbird
import NIOCore

/// The class's hot pages (the leaderboard and the progress grid, HTML and JSON), kept as the bytes sent, per
/// class revision: a request reads the revision (one indexed row), and only a class that changed since is
/// measured and rendered again. Every process reads the revision from the store, so a verdict a worker
/// elsewhere stored is seen at once.
actor PageCache {
    struct Key: Hashable {
        var classID: String
        /// The route, e.g. `/progress`.
        var page: String
        /// Who asks: the pages name their reader.
        var viewer: String
    }

    struct Page {
        var contentType: String
        var body: ByteBuffer
    }

    /// At most this many pages are kept; past it the cache starts again.
    static let limit = 4096
    private var revisions: [String: Int64] = [:]
    private var pages: [Key: Page] = [:]

    /// Pages being made: requests for the same page and revision wait for the one making it (a crowd arriving
    /// at a changed class makes the page once, not once each).
    private var making: [Key: (revision: Int64, task: Task<Page, any Error>)] = [:]

    func page(_ key: Key, revision: Int64) -> Page? {
        revisions[key.classID] == revision ? pages[key] : nil
    }

    /// The kept page, or the one `make` makes (once for every request waiting on it), kept.
    func page(
        _ key: Key, revision: Int64, make: @escaping @Sendable () async throws(ServerError) -> Page
    ) async throws(ServerError) -> Page {
        if let kept = page(key, revision: revision) { return kept }
        let task: Task<Page, any Error>
        if let current = making[key], current.revision == revision {
            task = current.task
        } else {
            task = Task { try await make() }
            making[key] = (revision, task)
        }
        let result = await task.result
        if making[key]?.revision == revision { making[key] = nil }
        switch result {
        case .success(let page):
            keep(page, for: key, revision: revision)
            return page
        case .failure(let error as ServerError):
            throw error
        case .failure(let error):
            throw .database("cannot make the page \(key.page): \(error)")
        }
    }

    func keep(_ page: Page, for key: Key, revision: Int64) {
        if let kept = revisions[key.classID], kept != revision {
            pages = pages.filter { $0.key.classID != key.classID }
        }
        if pages.count >= Self.limit { pages.removeAll(keepingCapacity: true) }
        revisions[key.classID] = revision
        pages[key] = page
    }
}

extension ClassServer {
    /// The page `page` of `member`'s class, from the cache when the class has not changed since it was made.
    func cached(
        _ page: String, for member: ClassMember,
        make: @escaping @Sendable () async throws(ServerError) -> PageCache.Page
    ) async throws(ServerError) -> Response {
        let revision = try await store.revision(classID: member.classID)
        let key = PageCache.Key(classID: member.classID, page: page, viewer: member.name)
        let kept = try await pageCache.page(key, revision: revision, make: make)
        return Response(status: .ok, headers: [.contentType: kept.contentType], body: .init(byteBuffer: kept.body))
    }
}
