import Image

/// Every way reaching a registry or keeping its blobs can fail, each with the value a person needs to act.
public enum RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not an image reference as docker writes them.
    case invalidReference(String, reason: String)
    /// The registry answered that the repository does not exist (or the account may not see it).
    case unknownRepository(String)
    /// The repository exists, the tag or digest does not (`tags`: some the repository has, when it said).
    case unknownManifest(repository: String, reference: String, tags: [String])
    /// The manifest names a blob the registry does not have.
    case unknownBlob(repository: String, digest: String)
    /// Authentication failed: what was tried, and the registry's answer.
    case unauthorized(registry: String, tried: String, answer: String)
    /// A blob or manifest whose bytes hash to something else than its name (the bytes were thrown away).
    case digestMismatch(what: String, expected: String, actual: String)
    /// A blob whose length differs from its descriptor's size.
    case sizeMismatch(what: String, expected: Int64, actual: Int64)
    /// A manifest larger than gym accepts (a registry may not send arbitrary amounts of JSON).
    case manifestTooLarge(reference: String, limit: Int)
    /// A manifest or index gym cannot use.
    case badManifest(reference: String, reason: String)
    /// No manifest of an index matches the platform asked for.
    case platform(requested: String, available: [String])
    /// The connection failed, timed out, or redirected in a loop.
    case transport(url: String, reason: String)
    /// Any other answer the registry should not have given.
    case unexpectedStatus(url: String, status: Int, body: String)
    /// Plain HTTP was needed for a host that is not loopback, without `--insecure`.
    case insecureRefused(host: String)
    /// Reading or writing the local blob store or an output directory failed.
    case io(path: String, reason: String)
    /// Credentials could not be read (a config file, a credential helper).
    case credentials(String)

    public var description: String {
        switch self {
        case .invalidReference(let text, let reason): return "invalid reference \(text.debugDescription): \(reason)"
        case .unknownRepository(let name):
            return "repository \(name) not found (it does not exist, or these credentials may not read it)"
        case .unknownManifest(let repository, let reference, let tags):
            let known = tags.prefix(10).joined(separator: ", ") + (tags.count > 10 ? ", ..." : "")
            return "\(repository): no manifest \(reference)" + (tags.isEmpty ? "" : " (tags there: \(known))")
        case .unknownBlob(let repository, let digest):
            return "\(repository): the manifest names blob \(digest), which the registry does not have"
        case .unauthorized(let registry, let tried, let answer):
            return "\(registry): unauthorized (tried \(tried)): \(answer)"
        case .digestMismatch(let what, let expected, let actual):
            return "\(what): digest mismatch: expected \(expected), got \(actual); the download was discarded"
        case .sizeMismatch(let what, let expected, let actual):
            return "\(what): size mismatch: expected \(expected) bytes, got \(actual); the download was discarded"
        case .manifestTooLarge(let reference, let limit):
            return "\(reference): manifest larger than \(limit) bytes, refused"
        case .badManifest(let reference, let reason): return "\(reference): \(reason)"
        case .platform(let requested, let available):
            return "no image for platform \(requested); available: \(available.joined(separator: ", "))"
        case .transport(let url, let reason): return "\(url): \(reason)"
        case .unexpectedStatus(let url, let status, let body):
            return "\(url): HTTP \(status)" + (body.isEmpty ? "" : ": \(body)")
        case .insecureRefused(let host):
            return "\(host) answers plain HTTP only; gym uses plain HTTP for loopback hosts or with --insecure"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .credentials(let reason): return "credentials: \(reason)"
        }
    }
}
