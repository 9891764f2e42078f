"""Week 1's app: three endpoints. `--selftest` calls each one offline and reports."""

import sys

from flask import Flask, jsonify, request

app = Flask(__name__)
ITEMS = [{"id": 1, "name": "layer"}, {"id": 2, "name": "cache"}]


@app.get("/")
def index():
    name = request.args.get("name")
    return "hello from the smallest image in class" + (f", {name}" if name else "")


@app.get("/health")
def health():
    return jsonify(status="ok")


@app.get("/items")
def items():
    return jsonify(ITEMS)


if __name__ == "__main__":
    if "--selftest" in sys.argv:
        client = app.test_client()
        answers = [client.get(path) for path in ["/", "/health", "/items"]]
        ok = sum(1 for answer in answers if answer.status_code == 200)
        print(f"{ok}/3 endpoints ok")
    else:
        app.run(host="0.0.0.0", port=8000)
