#!/usr/bin/env bash
# A private PostgreSQL cluster on loopback for the tests: `scripts/postgres.sh start` prints the URL to export
# as GYM_TEST_POSTGRES; `scripts/postgres.sh stop` stops it. Needs Debian's postgresql package; runs the
# server as the postgres user when started by root (initdb refuses root). Trust authentication on 127.0.0.1
# only, no fsync and 500 connections (the suites open many stores at once, each with its own pool): a test
# cluster, never a real one.
set -euo pipefail
# in memory where there is room (/dev/shm with 2 GiB free): the tests' image builds fill the disk's write-back
# queue, and a cluster on that disk waits behind it; else /tmp
DEFAULT_DIR=/tmp/gym-postgres
if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR==2 {print $4}')" -gt 2097152 ]; then
  DEFAULT_DIR=/dev/shm/gym-postgres
fi
DIR="${GYM_PG_DIR:-$DEFAULT_DIR}"
PORT="${GYM_PG_PORT:-54329}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$BIN/initdb" ] || { echo "postgres.sh: no PostgreSQL server (apt-get install postgresql)" >&2; exit 2; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
start)
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U postgres >"$DIR/initdb.log" 2>&1
  fi
  if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -w -l "$DIR/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" start >/dev/null
  fi
  psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc "SELECT 1" >/dev/null
  echo "postgres://postgres@127.0.0.1:$PORT/postgres"
  ;;
stop)
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
  ;;
*) echo "usage: scripts/postgres.sh start|stop" >&2; exit 64 ;;
esac
