#!/usr/bin/env bash
# The cache model's differential test against the real BuildKit, with any seed: random Dockerfiles of 2 to 4
# stages over small contexts, each built, changed (edit, touch, chmod, add, delete, rename, an ignored file,
# a build arg, the target), predicted, rebuilt and compared step by step. Needs the engine and the local
# base images (../shared/scripts/docker-engine.sh, scripts/base-images.sh). Prunes the builder cache.
# Usage: scripts/cache-differential.sh [--seed N] [--count M]   (defaults: the CI seed 20261201, 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seed=20261201
count=60
while (($#)); do
  case $1 in
    --seed) seed=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    *) echo "usage: scripts/cache-differential.sh [--seed N] [--count M]" >&2; exit 2 ;;
  esac
done
echo "engine: Docker $(docker version --format '{{.Server.Version}}') (its built-in BuildKit), $(docker buildx version 2>/dev/null | cut -d' ' -f1-2)"
log=$(mktemp)
GYM_DIFF_SEED=$seed GYM_DIFF_COUNT=$count swift test --filter CacheDifferentialTests 2>&1 | tee "$log" | grep -E '✘|recorded an issue' || true
grep -q "with $count test cases" "$log" || { echo "the test run did not run $count scenarios:" >&2; tail -20 "$log" >&2; exit 1; }
issues=$(grep -c 'recorded an issue with 1 argument' "$log" || true)
echo "seed $seed: $count scenarios, $((count - issues)) agree with BuildKit step by step, $issues disagree"
rm -f "$log"
((issues == 0))
