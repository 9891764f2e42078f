import Foundation
import HTTPTypes
import Hummingbird

/// The server's routes as they are added, each path with the methods it takes: the router serves them, and
/// the table answers a known path asked with another method with 405 and `Allow` (Hummingbird's router
/// answers 404 there).
final class ClassRoutes: @unchecked Sendable {
    let router: Router<ClassRequestContext>
    private let lock = NSLock()
    private var methods: [(segments: [Substring], method: HTTPRequest.Method)] = []

    init(router: Router<ClassRequestContext>) { self.router = router }

    func get(
        _ path: String,
        use handler: @escaping @Sendable (Request, ClassRequestContext) async throws -> some ResponseGenerator
    ) {
        record(path, .get)
        router.get(RouterPath(path), use: handler)
    }

    func post(
        _ path: String,
        use handler: @escaping @Sendable (Request, ClassRequestContext) async throws -> some ResponseGenerator
    ) {
        record(path, .post)
        router.post(RouterPath(path), use: handler)
    }

    private func record(_ path: String, _ method: HTTPRequest.Method) {
        lock.withLock { methods.append((path.split(separator: "/"), method)) }
    }

    /// The methods a path takes (a `{name}` segment matches any one segment); empty for an unknown path.
    func allowed(_ path: String) -> [HTTPRequest.Method] {
        let asked = path.split(separator: "/")
        return lock.withLock {
            methods.filter { route in
                route.segments.count == asked.count
                    && zip(route.segments, asked).allSatisfy { $0.hasPrefix("{") && $0.hasSuffix("}") || $0 == $1 }
            }.map(\.method)
        }
    }
}
