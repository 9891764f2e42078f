#!/usr/bin/env bash
# Lab 1 of the course, measured: the BAD and GOOD Python Dockerfiles of "Layer Caching", side by side, with
# a real requirements.txt (flask, requests, numpy, pandas from PyPI). Needs the Docker engine and the local
# stand-in images (scripts/base-images.sh --public). Target: GOOD's rebuild after a code change at least 5x
# faster than BAD's.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product gym >/dev/null
docker builder prune --all --force >/dev/null
.build/release/gym bench benchmarks/lab1 -f benchmarks/lab1/Dockerfile.bad --vs benchmarks/lab1/Dockerfile.good \
  --network host --touch app.py --runs "${RUNS:-3}" --no-history "$@"
