import AsyncHTTPClient
import Base
import Foundation
import Image
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// An OCI distribution API client: finds how to talk to a registry (HTTPS, or plain HTTP for loopback and
/// `--insecure`), answers its authentication challenge (anonymous, basic, bearer tokens), and fetches
/// manifests and blobs with digests verified. One client per command; `shutdown()` when done.
public final class RegistryClient: Sendable {
    let http: HTTPClient
    let options: RegistryOptions
    private let state = Mutex(State())

    struct State {
        /// "https" or "http" per registry, decided by the first ping.
        var schemes: [String: String] = [:]
        var challenges: [String: AuthChallenge] = [:]
        /// `Authorization` values per registry and scope.
        var authorizations: [String: String] = [:]
    }

    public init(options: RegistryOptions = RegistryOptions()) throws(RegistryError) {
        self.options = options
        var tls = TLSConfiguration.makeClientConfiguration()
        if let path = options.caCertificate {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(path)
                guard !certificates.isEmpty else { throw RegistryError.io(path: path, reason: "no certificate in it") }
                tls.additionalTrustRoots = [.certificates(certificates)]
            } catch let error as RegistryError {
                throw error
            } catch {
                throw .io(path: path, reason: "not a PEM certificate file: \(error)")
            }
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .follow(max: 5, allowCycles: false),
            timeout: .init(connect: .seconds(options.connectTimeout), read: .seconds(options.readTimeout)))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = options.maximumConnections
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func shutdown() async { try? await http.shutdown() }

    // MARK: requests

    /// The base URL of the registry's API, pinging `/v2/` once to learn the scheme and the challenge. A
    /// registry on this machine is tried over plain HTTP first (a TLS one answers that with 400 and is then
    /// reached over HTTPS); any other over HTTPS, falling back to HTTP only with `--insecure`.
    func base(_ reference: RegistryReference) async throws(RegistryError) -> String {
        let registry = reference.registry
        if let scheme = state.withLock({ $0.schemes[registry] }) { return "\(scheme)://\(reference.endpointHost)" }
        let secure = "https://\(reference.endpointHost)"
        let plain = "http://\(reference.endpointHost)"
        if reference.isLoopback || options.insecure {
            if let response = try? await execute(HTTPClientRequest(url: plain + "/v2/"), url: plain + "/v2/"),
                response.status == .ok || response.status == .unauthorized
            {
                remember(registry, scheme: "http", response: response)
                return plain
            }
            let response = try await execute(HTTPClientRequest(url: secure + "/v2/"), url: secure + "/v2/")
            remember(registry, scheme: "https", response: response)
            return secure
        }
        do {
            let response = try await execute(HTTPClientRequest(url: secure + "/v2/"), url: secure + "/v2/")
            remember(registry, scheme: "https", response: response)
            return secure
        } catch {
            // tell apart "there is no TLS here" from "there is nothing here"
            if let response = try? await execute(HTTPClientRequest(url: plain + "/v2/"), url: plain + "/v2/"),
                response.status == .ok || response.status == .unauthorized
            {
                throw .insecureRefused(host: registry)
            }
            throw error
        }
    }

    private func remember(_ registry: String, scheme: String, response: HTTPClientResponse) {
        let challenge = response.headers.first(name: "WWW-Authenticate").flatMap(AuthChallenge.init(header:))
        state.withLock {
            $0.schemes[registry] = scheme
            if response.status == .unauthorized, let challenge { $0.challenges[registry] = challenge }
        }
    }

    /// Sends a request, mapping transport failures to errors a person reads.
    func execute(_ request: HTTPClientRequest, url: String) async throws(RegistryError) -> HTTPClientResponse {
        do {
            return try await http.execute(request, timeout: .hours(2))
        } catch let error as HTTPClientError {
            throw .transport(url: url, reason: Self.explain(error, options: options))
        } catch {
            throw .transport(url: url, reason: "\(error)")
        }
    }

    static func explain(_ error: HTTPClientError, options: RegistryOptions) -> String {
        switch error {
        case .readTimeout: return "the registry stopped sending (no data for \(options.readTimeout) s)"
        case .connectTimeout: return "no connection within \(options.connectTimeout) s"
        case .redirectCycleDetected: return "redirect loop"
        case .redirectLimitReached: return "too many redirects (more than 5)"
        case .remoteConnectionClosed: return "the registry closed the connection"
        default: return "\(error)"
        }
    }

    /// Sends a request with the registry's authorization for `scope`, answering one challenge when the
    /// registry asks for it.
    func send(
        _ method: HTTPMethod, _ url: String, reference: RegistryReference, scope: String,
        headers: [(String, String)] = [], body: (@Sendable () throws(RegistryError) -> HTTPClientRequest.Body)? = nil
    ) async throws(RegistryError) -> HTTPClientResponse {
        let key = reference.registry + " " + scope
        func request(_ authorization: String?) throws(RegistryError) -> HTTPClientRequest {
            var request = HTTPClientRequest(url: url)
            request.method = method
            if let body { request.body = try body() }
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let authorization { request.headers.replaceOrAdd(name: "Authorization", value: authorization) }
            return request
        }
        var authorization = state.withLock { $0.authorizations[key] }
        if authorization == nil, let challenge = state.withLock({ $0.challenges[reference.registry] }) {
            authorization = try await authorize(challenge, reference: reference, scope: scope)
        }
        let response = try await execute(try request(authorization), url: url)
        guard response.status == .unauthorized else { return response }
        guard let header = response.headers.first(name: "WWW-Authenticate"),
            let challenge = AuthChallenge(header: header)
        else {
            throw .unauthorized(
                registry: reference.registry, tried: authorization == nil ? "anonymous" : "credentials",
                answer: "401 without a challenge")
        }
        let fresh = try await authorize(challenge, reference: reference, scope: scope)
        guard fresh != authorization else {
            throw .unauthorized(
                registry: reference.registry, tried: Self.describe(challenge, fresh),
                answer: try await errorText(response, url: url))
        }
        let retried = try await execute(try request(fresh), url: url)
        if retried.status == .unauthorized || retried.status == .forbidden {
            throw .unauthorized(
                registry: reference.registry, tried: Self.describe(challenge, fresh),
                answer: try await errorText(retried, url: url))
        }
        return retried
    }

    static func describe(_ challenge: AuthChallenge, _ authorization: String?) -> String {
        switch (challenge.scheme, authorization) {
        case (_, nil): return "anonymous access"
        case ("basic", _): return "basic authentication with the configured user"
        default: return "a bearer token from \(challenge.parameters["realm"] ?? "the token service")"
        }
    }

    /// The `Authorization` value that answers `challenge` (nil: anonymous is all there is).
    func authorize(
        _ challenge: AuthChallenge, reference: RegistryReference, scope: String
    ) async throws(RegistryError) -> String? {
        let key = reference.registry + " " + scope
        let credentials = try options.credentials.credentials(for: reference.registry)
        var value: String?
        switch challenge.scheme {
        case "basic":
            guard let credentials else {
                throw .unauthorized(
                    registry: reference.registry, tried: "anonymous access",
                    answer: "the registry wants a user name and password (--username, or docker login)")
            }
            value = credentials.basic
        case "bearer":
            value =
                "Bearer " + (try await token(challenge, reference: reference, scope: scope, credentials: credentials))
        default:
            throw .unauthorized(
                registry: reference.registry, tried: "nothing", answer: "unknown scheme \(challenge.scheme)")
        }
        state.withLock { $0.authorizations[key] = value }
        return value
    }

    /// Fetches a bearer token from the challenge's realm for `scope` (docker's token protocol).
    func token(
        _ challenge: AuthChallenge, reference: RegistryReference, scope: String, credentials: Credentials?
    ) async throws(RegistryError) -> String {
        guard let realm = challenge.parameters["realm"], var components = URLComponents(string: realm) else {
            throw .unauthorized(
                registry: reference.registry, tried: "a bearer token", answer: "the challenge names no realm")
        }
        var query = components.queryItems ?? []
        if let service = challenge.parameters["service"] { query.append(URLQueryItem(name: "service", value: service)) }
        query.append(URLQueryItem(name: "scope", value: scope))
        components.queryItems = query
        guard let url = components.url?.absoluteString else {
            throw .unauthorized(registry: reference.registry, tried: "a bearer token", answer: "bad realm \(realm)")
        }
        var request = HTTPClientRequest(url: url)
        if let credentials { request.headers.add(name: "Authorization", value: credentials.basic) }
        let response = try await execute(request, url: url)
        let body = try await collect(response, limit: 1 << 20, url: url)
        guard response.status == .ok else {
            throw .unauthorized(
                registry: reference.registry,
                tried: credentials == nil
                    ? "an anonymous token from \(realm)" : "a token from \(realm) as \(credentials!.username)",
                answer: "HTTP \(response.status.code) \(String(decoding: body.prefix(300), as: UTF8.self))")
        }
        struct Answer: Decodable {
            var token: String?
            var access_token: String?
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(body)),
            let token = answer.token ?? answer.access_token, !token.isEmpty
        else {
            throw .unauthorized(
                registry: reference.registry, tried: "a token from \(realm)", answer: "no token in the answer")
        }
        return token
    }

    /// The body, refusing more than `limit` bytes.
    func collect(_ response: HTTPClientResponse, limit: Int, url: String) async throws(RegistryError) -> [UInt8] {
        do {
            var buffer = try await response.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw .manifestTooLarge(reference: url, limit: limit)
        } catch let error as HTTPClientError {
            throw .transport(url: url, reason: Self.explain(error, options: options))
        } catch {
            throw .transport(url: url, reason: "\(error)")
        }
    }

    /// The registry's error text for a failed answer (distribution's `{"errors":[{code,message}]}`).
    func errorText(_ response: HTTPClientResponse, url: String) async throws(RegistryError) -> String {
        let body = (try? await collect(response, limit: 64 << 10, url: url)) ?? []
        return Self.errors(in: body).map { "\($0.code): \($0.message)" }.joined(separator: "; ")
            .ifEmpty("HTTP \(response.status.code)")
    }

    struct ErrorBody: Decodable {
        struct Entry: Decodable {
            var code: String
            var message: String?
        }
        var errors: [Entry]
    }

    static func errors(in body: [UInt8]) -> [(code: String, message: String)] {
        guard let decoded = try? JSONDecoder().decode(ErrorBody.self, from: Data(body)) else { return [] }
        return decoded.errors.map { ($0.code, $0.message ?? "") }
    }

    // MARK: manifests and blobs

    /// Fetches a manifest or index by tag or digest, verifying its bytes against the digest it was asked by
    /// (and the registry's `Docker-Content-Digest`).
    public func manifest(
        _ reference: RegistryReference, at manifestReference: String? = nil
    ) async throws(RegistryError) -> (bytes: [UInt8], digest: String, mediaType: String?) {
        let wanted = manifestReference ?? reference.manifestReference
        let url = try await base(reference) + "/v2/\(reference.repository)/manifests/\(wanted)"
        let response = try await send(
            .GET, url, reference: reference, scope: "repository:\(reference.repository):pull",
            headers: [("Accept", MediaType.accepted.joined(separator: ", "))])
        guard response.status == .ok else {
            let body = (try? await collect(response, limit: 64 << 10, url: url)) ?? []
            let codes = Self.errors(in: body).map(\.code)
            if codes.contains("NAME_UNKNOWN") {
                throw .unknownRepository("\(reference.registry)/\(reference.repository)")
            }
            if codes.contains("MANIFEST_UNKNOWN") || response.status == .notFound {
                // distribution answers MANIFEST_UNKNOWN for a repository it has never seen too: its tag list
                // tells the two apart
                guard let tags = try await tags(reference) else {
                    throw .unknownRepository("\(reference.registry)/\(reference.repository)")
                }
                throw .unknownManifest(
                    repository: "\(reference.registry)/\(reference.repository)", reference: wanted, tags: tags)
            }
            throw .unexpectedStatus(
                url: url, status: Int(response.status.code), body: String(decoding: body.prefix(300), as: UTF8.self))
        }
        if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > options.manifestLimit
        {
            throw .manifestTooLarge(reference: reference.description, limit: options.manifestLimit)
        }
        let bytes: [UInt8]
        do {
            bytes = try await collect(response, limit: options.manifestLimit, url: url)
        } catch .manifestTooLarge {
            throw .manifestTooLarge(reference: reference.description, limit: options.manifestLimit)
        }
        let digest = Self.sha256(bytes)
        if wanted.contains(":"), wanted != digest {
            throw .digestMismatch(what: "manifest \(reference)", expected: wanted, actual: digest)
        }
        if let claimed = response.headers.first(name: "Docker-Content-Digest"), claimed.hasPrefix("sha256:"),
            claimed != digest
        {
            throw .digestMismatch(what: "manifest \(reference)", expected: claimed, actual: digest)
        }
        return (bytes, digest, response.headers.first(name: "Content-Type"))
    }

    /// The repository's tags (sorted), or nil when the registry does not know the repository; an empty list
    /// when it will not say.
    public func tags(_ reference: RegistryReference) async throws(RegistryError) -> [String]? {
        let url = try await base(reference) + "/v2/\(reference.repository)/tags/list"
        let response = try await send(.GET, url, reference: reference, scope: "repository:\(reference.repository):pull")
        let body = (try? await collect(response, limit: 1 << 20, url: url)) ?? []
        if response.status == .ok {
            struct List: Decodable { var tags: [String]? }
            return ((try? JSONDecoder().decode(List.self, from: Data(body)))?.tags ?? []).sorted()
        }
        return Self.errors(in: body).map(\.code).contains("NAME_UNKNOWN") ? nil : []
    }

    /// Streams one blob into the store, resuming an earlier partial download, verifying size and digest as
    /// the bytes arrive; `progress` gets the bytes written so far.
    public func fetchBlob(
        _ reference: RegistryReference, descriptor: Descriptor, into store: BlobStore,
        progress: @Sendable (Int64) -> Void = { _ in }
    ) async throws(RegistryError) {
        if store.contains(descriptor.digest, size: descriptor.size) { return }
        let what = "blob \(descriptor.digest) of \(reference.registry)/\(reference.repository)"
        var claimed = try store.tryIngest(digest: descriptor.digest, size: descriptor.size, what: what)
        while claimed == nil {
            // another task or process is fetching it: wait without holding a thread, then take what it left; a
            // cancelled pull stops waiting at once instead of polling without pause
            do { try await Task.sleep(for: .milliseconds(50)) } catch {
                throw .transport(url: what, reason: "cancelled while another download of the blob held it")
            }
            if store.contains(descriptor.digest, size: descriptor.size) { return }
            claimed = try store.tryIngest(digest: descriptor.digest, size: descriptor.size, what: what)
        }
        let writer = claimed!
        if writer.alreadyStored {
            // another process finished it while this one waited for the lock: what is at the partial path
            // now can never be needed
            writer.discard()
            return
        }
        let url = try await base(reference) + "/v2/\(reference.repository)/blobs/\(descriptor.digest)"
        var headers: [(String, String)] = []
        if writer.offset > 0 { headers.append(("Range", "bytes=\(writer.offset)-")) }
        let response = try await send(
            .GET, url, reference: reference, scope: "repository:\(reference.repository):pull", headers: headers)
        switch response.status {
        case .ok:
            if writer.offset > 0 { try writer.restart() }
        case .partialContent:
            break
        case .notFound:
            writer.discard()
            throw .unknownBlob(repository: "\(reference.registry)/\(reference.repository)", digest: descriptor.digest)
        default:
            writer.suspend()
            throw .unexpectedStatus(
                url: url, status: Int(response.status.code), body: try await errorText(response, url: url))
        }
        progress(writer.offset)
        do {
            for try await buffer in response.body {
                try buffer.withUnsafeReadableBytes { (raw) throws(RegistryError) in try writer.append(raw) }
                progress(writer.offset)
            }
        } catch let error as RegistryError {
            throw error
        } catch let error as HTTPClientError {
            writer.suspend()
            throw .transport(url: url, reason: Self.explain(error, options: options))
        } catch {
            writer.suspend()
            throw .transport(url: url, reason: "\(error)")
        }
        try writer.commit()
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        "sha256:" + SHA256.hex(bytes)
    }
}

extension String {
    fileprivate func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
