import AsyncHTTPClient
import Engine
import Foundation
import NIOCore
import NIOHTTP1
import Server

/// A class server on a free loopback port for one test, stopped (its task cancelled) at the end.
final class RunningServer: Sendable {
    let store: any ClassStore
    let url: String
    let task: Task<Void, any Error>
    let databasePath: String

    init(
        workers: Int = 0, rateBurst: Int = 60, ratePerSecond: Double = 1,
        kind: StoreKind = .sqlite, engine: Engine = .local
    ) async throws {
        databasePath =
            FileManager.default.temporaryDirectory.appendingPathComponent("gym-server-\(UUID().uuidString)")
            .path + "/class.sqlite"
        // not started: the server runs its services (PostgreSQL's pool) and prepares it
        store = kind == .sqlite ? try SQLiteClassStore(path: databasePath) : try kind.unstarted()
        let server = try ClassServer(
            store: store,
            configuration: ClassServerConfiguration(
                port: 0, workers: workers, lease: 600, rateBurst: rateBurst,
                ratePerSecond: ratePerSecond, engine: engine))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        task = Task { try await server.run(onListening: { continuation.yield($0) }) }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        url = "http://127.0.0.1:\(port)"
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
        try? FileManager.default.removeItem(atPath: (databasePath as NSString).deletingLastPathComponent)
    }

    /// A client that shows redirects instead of following them (the page login answers 303).
    static let http = HTTPClient(
        eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    /// A raw request: status, body and headers, whatever the server answers.
    func raw(
        _ method: HTTPMethod, _ path: String, token: String? = nil, body: [UInt8]? = nil,
        cookie: String? = nil
    ) async throws -> (status: Int, body: String, headers: HTTPHeaders) {
        var request = HTTPClientRequest(url: url + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await Self.http.execute(request, timeout: .seconds(180))
        let bytes = try await response.body.collect(upTo: 32 << 20)
        return (Int(response.status.code), String(decoding: bytes.readableBytesView, as: UTF8.self), response.headers)
    }
}
