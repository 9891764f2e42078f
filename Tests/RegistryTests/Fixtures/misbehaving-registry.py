#!/usr/bin/env python3
"""A loopback server that answers /v2/ like a registry and then misbehaves on purpose, for gym's error tests.

Paths under /v2/: stall/... accepts the request and never answers; loop/... redirects to itself forever;
huge/manifests/... sends a 10 MB manifest in chunks with no Content-Length; token/... challenges for a bearer
token that its realm (/token) refuses; bearer/app is a one-layer image behind docker's token protocol: /v2/
answers 401 with a Bearer challenge, /issue hands out a token for user "ci" with password "pw" (basic
authentication) and the scope asked, and only that token reads the image. Every token request is appended to
the file named by the second argument, when given. Prints the port it listens on, then serves until killed.
"""
import base64
import gzip
import hashlib
import http.server
import io
import json
import sys
import tarfile
import time
import urllib.parse

LOG = sys.argv[1] if len(sys.argv) > 1 else None
TOKEN = "gym-test-token-7f3a"


def image():
    """A one-layer image: a tar.gz with one file, its config and manifest, keyed by digest."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        data = b"hello from behind a token\n"
        info = tarfile.TarInfo("etc/greeting")
        info.size = len(data)
        info.mtime = 0
        tar.addfile(info, io.BytesIO(data))
    layer_tar = raw.getvalue()
    layer = gzip.compress(layer_tar, mtime=0)
    diff_id = "sha256:" + hashlib.sha256(layer_tar).hexdigest()
    config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                         "rootfs": {"type": "layers", "diff_ids": [diff_id]}}).encode()
    digest = lambda b: "sha256:" + hashlib.sha256(b).hexdigest()
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": digest(config), "size": len(config)},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": digest(layer), "size": len(layer)}],
    }).encode()
    return manifest, {digest(config): config, digest(layer): layer, digest(manifest): manifest}


MANIFEST, BLOBS = image()


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

    def bearer(self):
        """Serves bearer/app to the holder of TOKEN; anyone else gets the challenge."""
        if self.headers.get("Authorization") != "Bearer " + TOKEN:
            realm = "http://127.0.0.1:%d/issue" % self.server.server_address[1]
            challenge = 'Bearer realm="%s",service="gym-test"' % realm
            self.send(401, b'{"errors":[{"code":"UNAUTHORIZED","message":"token required"}]}',
                      [("WWW-Authenticate", challenge)])
            return
        name = self.path.split("/")[-1]
        if "/manifests/" in self.path and name in ("1", "sha256:" + hashlib.sha256(MANIFEST).hexdigest()):
            self.send(200, MANIFEST, [("Content-Type", "application/vnd.oci.image.manifest.v1+json")])
        elif "/blobs/" in self.path and name in BLOBS:
            self.send(200, BLOBS[name])
        else:
            self.send(404, b'{"errors":[{"code":"MANIFEST_UNKNOWN","message":"unknown"}]}')

    def issue(self):
        if LOG:
            with open(LOG, "a") as log:
                log.write(json.dumps({"path": self.path, "authorization": self.headers.get("Authorization")}) + "\n")
        expected = "Basic " + base64.b64encode(b"ci:pw").decode()
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        wanted = {"scope": ["repository:bearer/app:pull"], "service": ["gym-test"]}
        if self.headers.get("Authorization") != expected or query != wanted:
            self.send(401, b'{"details":"bad credentials or scope"}')
        else:
            self.send(200, json.dumps({"token": TOKEN, "expires_in": 300}).encode(),
                      [("Content-Type", "application/json")])

    def do_GET(self):
        path = self.path
        if path.startswith("/v2/bearer/"):
            self.bearer()
        elif path.startswith("/issue"):
            self.issue()
        elif path == "/v2/":
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
