import Foundation

/// The one JSON style every reporter writes: pretty-printed, keys sorted (stable diffs, stable tests),
/// slashes left as they are (paths and URLs stay readable).
public enum JSONText {
    public static func encode<T: Encodable>(_ value: T) throws(RenderingError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .encoding("\(T.self): \(error)")
        }
    }
}
