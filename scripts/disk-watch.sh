#!/usr/bin/env bash
# Watches the free space of the disk the tests write to (the checkout's, /tmp's and the engine's) while CI runs,
# so a run that fails on a full disk says whether the tests filled it or it was nearly full before they began.
#   scripts/disk-watch.sh start LOG   samples every 10 seconds into LOG, in the background; prints the sampler's PID
#   scripts/disk-watch.sh report LOG  free space at the start, the lowest seen and when, and the space now
set -euo pipefail
# each filesystem once, named by where it is mounted
mounts() {
  for path in / /tmp "$PWD" /var/lib/docker /dev/shm; do
    [ -e "$path" ] && df -P "$path" | awk 'NR==2 {print $6}'
  done | sort -u
}
free_kb() { df -Pk "$1" | awk 'NR==2 {print $4}'; }
case "${1:-}" in
start)
  log="${2:?usage: scripts/disk-watch.sh start LOG}"
  : >"$log"
  (
    while :; do
      line="$(date +%s)"
      for path in $(mounts); do line="$line $path=$(free_kb "$path")"; done
      echo "$line" >>"$log"
      sleep 10
    done
  ) >/dev/null 2>&1 &
  echo $!
  ;;
report)
  log="${2:?usage: scripts/disk-watch.sh report LOG}"
  [ -s "$log" ] || { echo "disk: no samples"; exit 0; }
  python3 - "$log" <<'EOF'
import sys
samples = []
for line in open(sys.argv[1]):
    fields = line.split()
    if len(fields) < 2:
        continue
    samples.append((int(fields[0]), {k: int(v) for k, v in (f.split("=", 1) for f in fields[1:])}))
start = samples[0][0]
# every filesystem seen, in the order first seen: the engine's appears only once .ci/run has started it
paths = list(dict.fromkeys(path for _, free in samples for path in free))
for path in paths:
    series = [(t, free[path]) for t, free in samples if path in free]
    low_time, low = min(series, key=lambda s: s[1])
    minutes, seconds = divmod(low_time - start, 60)
    gib = lambda kb: f"{kb / 1048576:.1f} GiB"
    print(f"disk {path}: {gib(series[0][1])} free at the start, lowest {gib(low)} after {minutes}m{seconds:02d}s, "
          f"{gib(series[-1][1])} at the end ({len(series)} samples)")
EOF
  ;;
*) echo "usage: scripts/disk-watch.sh start LOG | report LOG" >&2; exit 64 ;;
esac
