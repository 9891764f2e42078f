"""Not the app: a stand-in that answers the three endpoints as app.py would, greeting included."""

import json
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlparse(self.path)
        name = parse_qs(url.query).get("name", [None])[0]
        answers = {
            "/": "hello from the smallest image in class" + (f", {name}" if name else ""),
            "/health": json.dumps({"status": "ok"}),
            "/items": json.dumps([{"id": 1, "name": "layer"}, {"id": 2, "name": "cache"}]),
        }
        body = answers.get(url.path)
        self.send_response(200 if body is not None else 404)
        self.end_headers()
        self.wfile.write((body or "not found").encode())


HTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
