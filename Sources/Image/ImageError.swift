/// Every way reading an image can fail, with the offending value.
public enum ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input is not an image in a format gym reads.
    case unrecognized(path: String, reason: String)
    /// A tar stream is malformed, truncated or hostile.
    case badTar(context: String, reason: String)
    /// A compressed layer could not be decompressed.
    case decompression(layer: String, reason: String)
    /// A blob's content does not match its descriptor or the config's diff id.
    case digestMismatch(what: String, expected: String, actual: String)
    /// JSON metadata (manifest, index, config) is missing or malformed.
    case metadata(file: String, reason: String)
    /// No manifest for the requested platform.
    case platform(requested: String, available: [String])
    /// The engine could not provide the image.
    case engine(String)
    case io(path: String, reason: String)
    /// A gate configuration (`.dive-ci`) that cannot be read.
    case configuration(file: String, reason: String)

    public var description: String {
        switch self {
        case .unrecognized(let path, let reason): return "\(path): not an image gym can read: \(reason)"
        case .badTar(let context, let reason): return "\(context): bad tar: \(reason)"
        case .decompression(let layer, let reason): return "layer \(layer): cannot decompress: \(reason)"
        case .digestMismatch(let what, let expected, let actual):
            return "\(what): digest mismatch: expected \(expected), got \(actual) (use --no-verify to skip)"
        case .metadata(let file, let reason): return "\(file): \(reason)"
        case .platform(let requested, let available):
            return "no image for platform \(requested); available: \(available.joined(separator: ", "))"
        case .engine(let message): return "engine: \(message)"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .configuration(let file, let reason): return "\(file): \(reason)"
        }
    }
}
