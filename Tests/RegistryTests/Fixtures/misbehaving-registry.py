#!/usr/bin/env python3
"""A loopback server that answers /v2/ like a registry and then misbehaves on purpose, for gym's error tests.

Paths under /v2/: stall/... accepts the request and never answers; loop/... redirects to itself forever;
huge/manifests/... sends a 10 MB manifest in chunks with no Content-Length; token/... challenges for a bearer
token that its realm (/token) refuses. Prints the port it listens on, then serves until killed.
"""
import http.server
import sys
import time


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path
        if path == "/v2/":
            self.send(200, b"{}", [("Content-Type", "application/json")])
        elif path.startswith("/v2/stall/"):
            time.sleep(60)
        elif path.startswith("/v2/loop/"):
            self.send(302, b"", [("Location", path)])
        elif path.startswith("/v2/huge/"):
            self.send_response(200)
            self.send_header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b" " * 65536
            try:
                for _ in range(160):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path.startswith("/v2/token/"):
            realm = "http://127.0.0.1:%d/token" % self.server.server_address[1]
            challenge = 'Bearer realm="%s",service="misbehaving",scope="repository:token/app:pull"' % realm
            self.send(401, b'{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
                      [("WWW-Authenticate", challenge), ("Content-Type", "application/json")])
        elif path.startswith("/token"):
            self.send(401, b'{"details":"no anonymous pulls here"}', [("Content-Type", "application/json")])
        else:
            self.send(404, b'{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known"}]}')


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
