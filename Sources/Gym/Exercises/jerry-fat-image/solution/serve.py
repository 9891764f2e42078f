"""Serves the model (here: reports that it can read it)."""

import os

MODEL = "/app/model.bin"

if __name__ == "__main__":
    with open(MODEL, "rb") as model:
        model.read(1)
    print(f"serving model: {os.path.getsize(MODEL)} bytes, mode {oct(os.stat(MODEL).st_mode & 0o777)}")
