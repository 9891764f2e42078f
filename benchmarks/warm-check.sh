#!/usr/bin/env bash
# A warm `gym check` per exercise: the reference solution laid over the starter in a scratch workspace,
# checked twice; the second run is the warm one a learner sees when checking again (BuildKit's cache and
# gym's image reads warm). The target (#10): under a minute per exercise. Needs the Docker engine and the
# local stand-in images (scripts/base-images.sh --public); steps that download use the host network.
# Prints one line per exercise: seconds of the first check and of the check again, checks passed. The first
# check finds whatever BuildKit cached before (prune the builder cache first for a cold figure).
set -euo pipefail
cd "$(dirname "$0")/.."
# GYM=path/to/gym measures that binary instead of a fresh release build
gym=${GYM:-}
if [ -z "$gym" ]; then
  swift build -c release --product gym >/dev/null
  gym=.build/release/gym
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export GYM_HOME="$scratch/home"
slugs=${*:-layer-detective multi-stage-migration jerry-fat-image vulnerability-scan layer-optimization multistage-build security-scanning image-size-challenge}
printf '%-24s %8s %8s  %s\n' exercise first-s again-s result
for slug in $slugs; do
  mkdir -p "$scratch/ws/$slug"
  cp -R "Sources/Gym/Exercises/$slug/starter/." "$scratch/ws/$slug/"
  cp -R "Sources/Gym/Exercises/$slug/solution/." "$scratch/ws/$slug/"
  timed() {
    local start end status
    start=$(date +%s.%N)
    status=0
    "$gym" check "$slug" --workspace "$scratch/ws" --format json >"$scratch/out.json" 2>/dev/null || status=$?
    end=$(date +%s.%N)
    echo "$(python3 -c "print($end - $start)") $status"
  }
  read -r first _ <<<"$(timed)"
  read -r again status <<<"$(timed)"
  passed=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(sum(c["passed"] for c in r["checks"]), "of", len(r["checks"]))' "$scratch/out.json")
  printf '%-24s %8.1f %8.1f  %s checks pass (exit %s)\n' "$slug" "$first" "$again" "$passed" "$status"
done
