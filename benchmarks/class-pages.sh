#!/usr/bin/env bash
# The class pages at a department's scale (#24): a class of 200 students x 8 exercises x 5 submissions seeded
# through the store (gym server seed-demo), `gym server run --workers 0` on loopback, and wrk driving 20
# concurrent closed-loop connections (HTTP/1.1 keep-alive) for 30 s on each page: the leaderboard and the
# progress grid, HTML (the instructor's cookie) and JSON (the bearer token), on SQLite and on PostgreSQL.
# Prints p50 and p99 (wrk --latency, ms) and pages per second for each page and store.
# Usage: benchmarks/class-pages.sh [SECONDS]   (default 30; GYM_BENCH_GYM=path to use a built gym)
# Needs wrk (apt-get install wrk; ApacheBench's HTTP/1.0 is not what browsers speak) and, for the PostgreSQL row, scripts/postgres.sh's cluster (started here if absent).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 2; }
if [[ -n ${GYM_BENCH_GYM:-} ]]; then
  gym=$GYM_BENCH_GYM
else
  swift build -c release --product gym --static-swift-stdlib --scratch-path .build-static >/dev/null
  gym=$(pwd)/.build-static/release/gym
fi
work=$(mktemp -d)
server_pid=
trap '[[ -n $server_pid ]] && kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

printf '%-10s %-18s %8s %8s %10s\n' store page p50_ms p99_ms pages/s
for store in sqlite postgres; do
  if [[ $store == sqlite ]]; then
    database=$work/class.sqlite
  else
    base=$(scripts/postgres.sh start)
    name=gym_pages_$$
    psql "$base" -qc "CREATE DATABASE $name" >/dev/null
    database=${base%/*}/$name
  fi
  created=$("$gym" server seed-demo --database "$database" --students 200 --submissions 5 --format json)
  token=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["instructorToken"])' <<<"$created")
  port=$(free_port)
  "$gym" server run --database "$database" --workers 0 --port "$port" --rate-burst 1000000 --rate 1000000 \
    2>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/openapi.json" >/dev/null && break; sleep 0.1; done
  for page in /leaderboard /progress /api/leaderboard /api/progress; do
    if [[ $page == /api/* ]]; then header="Authorization: Bearer $token"; else header="Cookie: gym_token=$token"; fi
    # a warm-up, then the measured run
    wrk -t2 -c20 -d2s -H "$header" "http://127.0.0.1:$port$page" >/dev/null
    wrk -t2 -c20 -d"${seconds}s" --latency -H "$header" "http://127.0.0.1:$port$page" >"$work/wrk.txt"
    grep -q "Non-2xx" "$work/wrk.txt" && { echo "$store $page: non-2xx answers" >&2; cat "$work/wrk.txt" >&2; exit 1; }
    # wrk writes 850.00us, 12.34ms or 1.20s: all in ms
    ms() { awk -v p="$1" '$1 == p {v = $2; f = 1; if (v ~ /us$/) f = 0.001; else if (v ~ /ms$/) f = 1; else if (v ~ /s$/) f = 1000; sub(/[a-z]+$/, "", v); printf "%.1f", v * f}' "$work/wrk.txt"; }
    p50=$(ms 50%)
    p99=$(ms 99%)
    rate=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
    printf '%-10s %-18s %8s %8s %10s\n' "$store" "$page" "$p50" "$p99" "$rate"
  done
  kill $server_pid
  wait $server_pid 2>/dev/null || true
  server_pid=
  [[ $store == postgres ]] && psql "$base" -qc "DROP DATABASE $name" >/dev/null
done
