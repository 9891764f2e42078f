#!/usr/bin/env bash
# Generates a build context of 100,000 files / about 1 GB, then compares gym's walk + content hashing of it
# (gym context's engine, both cores) with `tar -c` of the same tree to /dev/null. Target: no slower than tar.
# Usage: benchmarks/context-vs-tar.sh [DIR]   (default: a temporary directory, removed afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-$(mktemp -d)/context}
files=${FILES:-100000}
total=${BYTES:-1000000000}
swift build -c release --product gym >/dev/null
if [[ ! -f $dir/.generated-$files-$total ]]; then
  echo "generating $files files, $total bytes in $dir ..."
  python3 - "$dir" "$files" "$total" <<'PY'
import os, sys
root, n, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
size = total // n
block = os.urandom(1 << 20)
for i in range(n):
    d = os.path.join(root, f"d{i // 1000:03d}", f"e{(i // 100) % 10}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"f{i}.bin"), "wb") as f:
        off = (i * 7919) % ((1 << 20) - size) if size < (1 << 20) else 0
        f.write(block[off:off + size])
open(os.path.join(root, f".generated-{n}-{total}"), "w").close()
PY
fi
cat "$dir"/d000/e0/* >/dev/null  # warm the page cache the same way for both tools
now() { date +%s.%N; }
t0=$(now); tar -C "$dir" -cf /dev/null . ; t1=$(now)
# tar to /dev/null may skip reading file data (GNU tar does); also time tar through a pipe, which must read it
t2=$(now); tar -C "$dir" -cf - . | cat >/dev/null; t3=$(now)
t4=$(now); .build/release/gym context "$dir" --hash >/dev/null; t5=$(now)
python3 - "$t0" "$t1" "$t2" "$t3" "$t4" "$t5" <<'PY'
import sys
t = list(map(float, sys.argv[1:]))
tar_null, tar_pipe, gym = t[1] - t[0], t[3] - t[2], t[5] - t[4]
print(f"{'tool':<40}{'seconds':>9}")
print(f"{'tar -c . to /dev/null':<40}{tar_null:>9.2f}")
print(f"{'tar -c . | cat (reads every byte)':<40}{tar_pipe:>9.2f}")
print(f"{'gym context --hash (walk + XXH64, 2 cores)':<40}{gym:>9.2f}")
print(f"gym / tar-to-/dev/null: {gym / tar_null:.2f}x time; gym / tar-through-a-pipe: {gym / tar_pipe:.2f}x time")
PY
