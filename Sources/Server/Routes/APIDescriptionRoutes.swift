import Hummingbird

/// `GET /api/openapi.json`: the JSON API described in OpenAPI 3.1, for the data behind every page.
struct APIDescriptionRoutes {
    /// The document (`Web/openapi.json`).
    let document: String

    func add(to router: ClassRoutes) {
        let document = document
        router.get("/api/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: document)))
        }
    }
}
