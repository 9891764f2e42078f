"""Fetches the training data (here: a stand-in, 150 MB of reproducible pseudo-random bytes) to a file."""

import random
import sys

SIZE = 150_000_000
CHUNK = 1 << 20

source = random.Random(20261126)
with open(sys.argv[1], "wb") as out:
    left = SIZE
    while left:
        n = min(CHUNK, left)
        out.write(source.randbytes(n))
        left -= n
