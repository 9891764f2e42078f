import Testing

@testable import Fence

/// How the proxy reads a request head: a CONNECT tunnel, or a plain request sent on in origin form.
struct ProxyRequestTests {
    @Test func connectIsATunnel() throws {
        let request = try ProxyRequest(head: "CONNECT pypi.org:443 HTTP/1.1\r\nHost: pypi.org:443")
        #expect(request.host == "pypi.org" && request.port == 443 && request.tunnel && request.forwardedHead.isEmpty)
        let v6 = try ProxyRequest(head: "CONNECT [2a04:4e42::223]:443 HTTP/1.1")
        #expect(v6.host == "2a04:4e42::223" && v6.port == 443)
    }

    @Test func aPlainRequestIsSentOnInOriginFormWithoutTheProxysHeaders() throws {
        let request = try ProxyRequest(
            head: "GET http://deb.debian.org/debian/dists/bookworm/InRelease HTTP/1.1\r\nHost: deb.debian.org\r\n"
                + "Proxy-Connection: keep-alive\r\nConnection: keep-alive\r\nUser-Agent: apt")
        #expect(request.host == "deb.debian.org" && request.port == 80 && !request.tunnel)
        #expect(
            request.forwardedHead
                == "GET /debian/dists/bookworm/InRelease HTTP/1.1\r\nHost: deb.debian.org\r\n"
                + "Connection: keep-alive\r\nUser-Agent: apt\r\n\r\n")
        let port = try ProxyRequest(head: "GET http://deb.debian.org:8080 HTTP/1.0")
        #expect(port.port == 8080 && port.forwardedHead.hasPrefix("GET / HTTP/1.0\r\n"))
    }

    @Test(arguments: [
        "GET /simple/ HTTP/1.1", "GET https://pypi.org/ HTTP/1.1", "CONNECT pypi.org HTTP/1.1",
        "CONNECT pypi.org:99999 HTTP/1.1", "CONNECT user@pypi.org:443 HTTP/1.1", "\u{16}\u{03}\u{01} binary",
        "CONNECT :443 HTTP/1.1", "GET http:// HTTP/1.1",
    ])
    func anythingElseIsABadRequest(head: String) {
        #expect(throws: FenceError.self) { try ProxyRequest(head: head) }
    }
}
