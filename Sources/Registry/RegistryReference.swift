/// An image in a registry, written as docker writes it: `registry.example:5000/team/app:tag`,
/// `name@sha256:...`, or a Docker Hub short name (`python:3.11-slim` is `docker.io/library/python:3.11-slim`).
public struct RegistryReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry host as written, with its port (`docker.io` for Docker Hub).
    public var registry: String
    /// The repository path inside the registry (`library/python`).
    public var repository: String
    /// The tag, when the reference names one (`latest` when it names neither a tag nor a digest).
    public var tag: String?
    /// The manifest digest, when the reference pins one.
    public var digest: String?

    public init(registry: String, repository: String, tag: String?, digest: String?) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Parses and normalises `text` with docker's rules: the first path component is a registry when it holds a
    /// `.` or `:`, is `localhost`, or has capitals; otherwise the registry is Docker Hub, where a one-component
    /// name is in `library/`. With neither a tag nor a digest, the tag is `latest`.
    public init(parsing text: String) throws(RegistryError) {
        guard !text.isEmpty else { throw .invalidReference(text, reason: "empty") }
        guard text.count <= 4096 else { throw .invalidReference(String(text.prefix(40)), reason: "too long") }
        var rest = Substring(text)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            let value = String(rest[rest.index(after: at)...])
            guard Self.isDigest(value) else {
                throw .invalidReference(text, reason: "\(value.debugDescription) is not a digest (ALGORITHM:HEX)")
            }
            digest = value
            rest = rest[..<at]
        }
        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[rest.index(after: colon)...].contains("/") {
            let value = String(rest[rest.index(after: colon)...])
            guard Self.isTag(value) else {
                throw .invalidReference(
                    text, reason: "\(value.debugDescription) is not a tag ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})")
            }
            tag = value
            rest = rest[..<colon]
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var registry = "docker.io"
        if components.count > 1,
            let first = components.first,
            first.contains(".") || first.contains(":") || first == "localhost" || first.lowercased() != first
        {
            registry = first
            components.removeFirst()
            guard Self.isHost(registry) else {
                throw .invalidReference(text, reason: "\(registry.debugDescription) is not a registry host")
            }
        }
        if registry == "index.docker.io" || registry == "registry-1.docker.io" { registry = "docker.io" }
        guard !components.isEmpty else { throw .invalidReference(text, reason: "no repository") }
        for component in components where !Self.isPathComponent(component) {
            throw .invalidReference(
                text,
                reason: component.isEmpty
                    ? "empty path component"
                    : "\(component.debugDescription) must be lowercase letters and digits separated by ., _, __ or -")
        }
        if registry == "docker.io" && components.count == 1 { components.insert("library", at: 0) }
        let repository = components.joined(separator: "/")
        guard repository.count <= 255 else { throw .invalidReference(text, reason: "repository name longer than 255") }
        self.init(
            registry: registry, repository: repository, tag: tag ?? (digest == nil ? "latest" : nil), digest: digest)
    }

    /// What the registry's API calls the manifest: the digest when pinned, else the tag.
    public var manifestReference: String { digest ?? tag ?? "latest" }

    /// The registry host to connect to (Docker Hub's API lives at `registry-1.docker.io`).
    public var endpointHost: String { registry == "docker.io" ? "registry-1.docker.io" : registry }

    /// Whether the host is this machine (plain HTTP is allowed there without `--insecure`).
    public var isLoopback: Bool {
        let host = Self.hostName(registry)
        return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }

    /// The same repository at another tag or digest.
    public func with(digest: String) -> RegistryReference {
        RegistryReference(registry: registry, repository: repository, tag: tag, digest: digest)
    }

    public var description: String {
        var text = "\(registry)/\(repository)"
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        return text
    }

    static func hostName(_ registry: String) -> String {
        if registry.hasPrefix("["), let close = registry.firstIndex(of: "]") {
            return String(registry[...close])
        }
        return String(registry.split(separator: ":", maxSplits: 1).first ?? "")
    }

    static func isDigest(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty,
            parts[0].allSatisfy({ ($0.isLetter && $0.isLowercase) || $0.isNumber || "+._-".contains($0) }),
            parts[1].count >= 32, parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else { return false }
        return parts[0] != "sha256" || parts[1].count == 64
    }

    static func isTag(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 128 else { return false }
        func word(_ c: Unicode.Scalar) -> Bool {
            c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_")
        }
        return word(first) && text.unicodeScalars.allSatisfy { word($0) || $0 == "." || $0 == "-" }
    }

    /// `[a-z0-9]+` runs joined by `.`, `_`, `__` or any run of `-`.
    static func isPathComponent(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        func alnum(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("0"..."9").contains(c) }
        guard alnum(first), alnum(last) else { return false }
        var index = 0
        while index < scalars.count {
            if alnum(scalars[index]) {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count && !alnum(scalars[end]) { end += 1 }
            let separator = String(String.UnicodeScalarView(scalars[index..<end]))
            guard separator == "." || separator == "_" || separator == "__" || separator.allSatisfy({ $0 == "-" })
            else {
                return false
            }
            index = end
        }
        return true
    }

    static func isHost(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        let host = hostName(text)
        let port = text.dropFirst(host.count)
        if !port.isEmpty {
            guard port.first == ":", port.count > 1, port.dropFirst().allSatisfy(\.isNumber) else { return false }
        }
        if host.hasPrefix("[") { return host.hasSuffix("]") }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                && label.first != "-" && label.last != "-"
        }
    }
}
