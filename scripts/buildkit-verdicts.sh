#!/usr/bin/env bash
# Asks the real BuildKit (through the local Docker engine) whether each Dockerfile of a folder parses.
# Prints "file<TAB>accept" or "file<TAB>reject<TAB>message" per file. Nothing is built: every build names
# a target that does not exist, so a file that parses stops at "target stage ... could not be found".
# `# syntax=` directives are neutralised in a scratch copy (no registry here to pull a frontend from).
# Usage: scripts/buildkit-verdicts.sh DIR > verdicts.tsv
set -uo pipefail
dir=${1:?usage: buildkit-verdicts.sh DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ctx"
for path in "$dir"/*; do
  name=$(basename "$path")
  sed -E '1,20s/^([[:space:]]*#[[:space:]]*)syntax([[:space:]]*=)/\1nosyntax\2/I' "$path" >"$work/Dockerfile"
  out=$(DOCKER_BUILDKIT=1 docker build --network=none --target __gym_no_such_stage__ -f "$work/Dockerfile" "$work/ctx" 2>&1)
  if grep -q 'target stage "__gym_no_such_stage__" could not be found\|target stage __gym_no_such_stage__ could not be found' <<<"$out"; then
    printf '%s\taccept\n' "$name"
  else
    msg=$(grep -m1 -E 'ERROR|error' <<<"$out" | tr '\t' ' ')
    printf '%s\treject\t%s\n' "$name" "$msg"
  fi
done
