#!/usr/bin/env bash
# How long one `gym cache` prediction takes on a real-sized project: a context of 10,000 files (about 40 MB
# in 100 directories) and a three-stage Dockerfile, context walking and content hashing included. Target:
# under 100 ms. Runs the release build as shipped, 11 times each for --changed (a working-tree change) and
# --from HEAD (a git revision against the working tree: blob ids from git's index for the files whose stat
# data it vouches for, the rest hashed), and prints the medians; then the worst case, every file touched.
# Usage: benchmarks/cache.sh [DIR]   (default: a temporary directory, removed afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${1:-$(mktemp -d)/project}
files=${FILES:-10000}
swift build -c release --static-swift-stdlib --product gym >/dev/null
gym=$root/.build/release/gym
if [[ ! -f $dir/.generated-$files ]]; then
  mkdir -p "$dir"
  python3 - "$dir" "$files" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(11)
for i in range(n):
    d = os.path.join(root, "src", f"pkg{i % 100:02d}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"mod{i}.py"), "w") as f:
        f.write(("# module %d\n" % i) + "x = %d\n" % rng.randrange(10**9) * rng.randrange(50, 300))
with open(os.path.join(root, "requirements.txt"), "w") as f:
    f.write("flask==3.0.3\n")
with open(os.path.join(root, "app.py"), "w") as f:
    f.write("print('hi')\n")
with open(os.path.join(root, ".dockerignore"), "w") as f:
    f.write(".git\n*.md\n")
with open(os.path.join(root, "Dockerfile"), "w") as f:
    f.write("""FROM python:3.11-slim AS deps
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM deps AS test
COPY . .
RUN python -m compileall -q src

FROM deps
COPY --from=test /app/src ./src
COPY app.py .
CMD ["python", "app.py"]
""")
open(os.path.join(root, f".generated-{n}"), "w").close()
PY
  git -C "$dir" init -q && git -C "$dir" add -A && git -C "$dir" -c user.email=b@e -c user.name=bench commit -qm bench
fi
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() {
  for _ in $(seq 11); do
    s=$(date +%s%N); "$gym" cache "$dir" "$@" >/dev/null; e=$(date +%s%N)
    echo $(((e - s) / 1000000))
  done | median
}
echo "context: $(find "$dir" -type f -not -path '*/.git/*' | wc -l) files, $(du -sh --exclude=.git "$dir" | cut -f1)"
echo "gym cache --changed app.py:   $(run --changed app.py) ms (median of 11; target < 100 ms)"
echo "gym cache --from HEAD:        $(run --from HEAD) ms (median of 11; target < 100 ms)"
# the worst case: every file's stat data changed since git's index was written (a checkout, a touch), so no
# blob id can be taken from the index and all 10,000 files are read and hashed, as git status would
find "$dir/src" -type f -exec touch {} +
echo "gym cache --from HEAD, every file touched: $(run --from HEAD) ms (median of 11; all files hashed)"
git -C "$dir" update-index -q --refresh >/dev/null || true
[[ -n ${1:-} ]] || rm -rf "$(dirname "$dir")"
