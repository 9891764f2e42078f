import Foundation

/// One request to the proxy, read from its head: where it goes, and what to send there first.
struct ProxyRequest: Equatable {
    var host: String
    var port: Int
    /// CONNECT: a tunnel (the proxy answers 200 and relays bytes). Otherwise a plain HTTP request, sent on
    /// in origin form without the proxy's own headers.
    var tunnel: Bool
    /// What the proxy sends to the destination before relaying (the rewritten head; empty for a tunnel).
    var forwardedHead: String

    /// The request a head (`\r\n`-separated lines, without the blank line) asks for.
    init(head: String) throws(FenceError) {
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let parts = lines[0].split(separator: " ").map(String.init)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
            throw .badRequest("not an HTTP/1 request line: \(lines[0].prefix(120))")
        }
        let (method, target, version) = (parts[0], parts[1], parts[2])
        if method == "CONNECT" {
            (host, port) = try Self.authority(target, defaultPort: nil)
            tunnel = true
            forwardedHead = ""
            return
        }
        guard target.lowercased().hasPrefix("http://") else {
            throw .badRequest("\(method) \(target.prefix(120)): a proxy takes CONNECT or an absolute http:// URL")
        }
        let rest = target.dropFirst("http://".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        (host, port) = try Self.authority(String(rest[..<slash]), defaultPort: 80)
        tunnel = false
        let path = slash == rest.endIndex ? "/" : String(rest[slash...])
        // the proxy's own headers stay here; the connection is kept as the client asked, and requests the client
        // pipelines after this one go on to the same checked address as they are (absolute form, which every
        // HTTP/1.1 server takes): bytes never go anywhere but where the first request was allowed to
        let proxyOnly: Set<String> = ["proxy-connection", "proxy-authorization"]
        let headers = lines.dropFirst().filter { line in
            guard let colon = line.firstIndex(of: ":") else { return false }
            return !proxyOnly.contains(line[..<colon].trimmingCharacters(in: .whitespaces).lowercased())
        }
        forwardedHead = ([method + " " + path + " " + version] + headers).joined(separator: "\r\n") + "\r\n\r\n"
    }

    /// The request in a log line: `CONNECT pypi.org:443`, `HTTP deb.debian.org:80`.
    var asked: String { "\(tunnel ? "CONNECT" : "HTTP") \(host):\(port)" }

    /// `host:port` or `[v6]:port`.
    static func authority(_ text: String, defaultPort: Int?) throws(FenceError) -> (String, Int) {
        var host = Substring(text)
        var portText: Substring?
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            let after = host[host.index(after: close)...]
            portText = after.hasPrefix(":") ? after.dropFirst() : nil
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard !host.isEmpty, !host.contains("@") else { throw .badRequest("no host in \(text.prefix(120))") }
        let port = portText.map { Int($0) } ?? defaultPort
        guard let port, (1...65535).contains(port) else {
            throw .badRequest("no port in \(text.prefix(120))")
        }
        return (String(host), port)
    }
}
