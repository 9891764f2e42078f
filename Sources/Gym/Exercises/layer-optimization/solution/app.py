"""Lab 1's app: a Flask endpoint summarising build steps with pandas. `--selftest` answers one request
offline and exits."""

import sys

import pandas as pd
from flask import Flask

app = Flask(__name__)


@app.get("/")
def summary():
    frame = pd.DataFrame({"layer": ["FROM", "COPY", "RUN"], "seconds": [0.1, 0.2, 41.0]})
    return frame.to_json()


if __name__ == "__main__":
    if "--selftest" in sys.argv:
        print(app.test_client().get("/").get_data(as_text=True))
    else:
        app.run(host="0.0.0.0", port=8000)
