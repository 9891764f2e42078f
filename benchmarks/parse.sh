#!/usr/bin/env bash
# Parses the whole shared corpus (899 real Dockerfiles) in one process with a release build; prints files/s.
# Target: the whole corpus in under 0.5 s on the 2-core CI machine.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/dockerfiles}
[[ -d $corpus ]] || { echo "corpus not found at $corpus (pass its path)" >&2; exit 1; }
swift build -c release --product gym >/dev/null
files=("$corpus"/*)
bytes=$(cat "${files[@]}" | wc -c)
echo "corpus: ${#files[@]} files, $bytes bytes"
for run in 1 2 3; do
  # exit 2 is expected: the corpus holds files BuildKit itself rejects
  .build/release/gym parse --format summary "${files[@]}" 2>/dev/null || [[ $? == 2 ]]
done
