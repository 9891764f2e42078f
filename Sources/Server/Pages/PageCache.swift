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

    func page(_ key: Key, revision: Int64) -> Page? {
        revisions[key.classID] == revision ? pages[key] : nil
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
        _ page: String, for member: ClassMember, make: () async throws(ServerError) -> PageCache.Page
    ) async throws(ServerError) -> Response {
        let revision = try await store.revision(classID: member.classID)
        let key = PageCache.Key(classID: member.classID, page: page, viewer: member.name)
        let kept: PageCache.Page
        if let page = await pageCache.page(key, revision: revision) {
            kept = page
        } else {
            kept = try await make()
            await pageCache.keep(kept, for: key, revision: revision)
        }
        return Response(status: .ok, headers: [.contentType: kept.contentType], body: .init(byteBuffer: kept.body))
    }
}
