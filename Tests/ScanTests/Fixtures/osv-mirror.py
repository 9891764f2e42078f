#!/usr/bin/env python3
"""A loopback mirror laid out as osv.dev's bucket (ROOT/ECOSYSTEM/all.zip), for gym db update's tests.

Serves files under ROOT with ETag and Last-Modified, answers 304 to a matching If-None-Match or
If-Modified-Since, and misbehaves on purpose for three ecosystems: Truncated announces more bytes than it
sends and closes the connection, Slow waits 30 seconds before answering, anything missing is a 404.
Prints the port it listens on, then serves until killed. Usage: osv-mirror.py ROOT
"""
import email.utils
import hashlib
import http.server
import os
import sys
import time

ROOT = sys.argv[1]


class Mirror(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        with open(os.path.join(ROOT, "requests.log"), "a") as log:
            log.write("%s %s if-none-match=%s\n" % (self.command, self.path, self.headers.get("If-None-Match")))

    def do_GET(self):
        path = os.path.join(ROOT, self.path.lstrip("/"))
        if "/Slow/" in self.path:
            time.sleep(30)
        if not os.path.isfile(path):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with open(path, "rb") as f:
            body = f.read()
        etag = '"%s"' % hashlib.sha1(body).hexdigest()
        modified = email.utils.formatdate(os.path.getmtime(path), usegmt=True)
        if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == modified:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/zip")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        if "/Truncated/" in self.path:
            self.send_header("Content-Length", str(len(body) + 1000))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Mirror)
print(server.server_address[1], flush=True)
server.serve_forever()
