import Foundation
import Hummingbird

/// JSON in and out, with the server's own errors: a malformed body is a 400 that says where, an oversized
/// one a 413; dates are ISO 8601, keys sorted.
enum JSONBody {
    static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, context: ClassRequestContext
    )
        async throws(ServerError) -> T
    {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw .tooLarge(limit: context.maxUploadSize)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch DecodingError.dataCorrupted(let context) {
            throw .badRequest("the body is not JSON: \(context.debugDescription) \(Self.path(context.codingPath))")
        } catch DecodingError.keyNotFound(let key, let context) {
            throw .badRequest("the body lacks `\(Self.path(context.codingPath + [key]))`")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw .badRequest("`\(Self.path(context.codingPath))`: \(context.debugDescription)")
        } catch {
            throw .badRequest("the body cannot be read: \(error)")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingPrefix(".").description
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws(ServerError) -> Response {
        let page = try self.page(value)
        return Response(status: status, headers: [.contentType: page.contentType], body: .init(byteBuffer: page.body))
    }

    /// A value as the API answers it, as bytes to keep.
    static func page<T: Encodable>(_ value: T) throws(ServerError) -> PageCache.Page {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return PageCache.Page(contentType: "application/json", body: ByteBuffer(bytes: try encoder.encode(value)))
        } catch {
            throw .database("cannot encode the answer: \(error)")
        }
    }
}
