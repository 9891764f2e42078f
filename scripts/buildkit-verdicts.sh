#!/usr/bin/env bash
# Asks the real BuildKit (through the local Docker engine) whether each Dockerfile of a folder parses.
# Prints "file<TAB>accept" or "file<TAB>reject<TAB>message" per file. Nothing is built: every build names
# a target that does not exist, so a file that parses stops at "target stage ... could not be found".
# A `# syntax=` directive is disabled in a scratch copy (no registry here to pull a frontend from): it moves
# to the end of the leading directive block as `# nosyntax=`, so line numbers and an `# escape=` keep working.
# Usage: scripts/buildkit-verdicts.sh DIR > verdicts.tsv
set -uo pipefail
dir=${1:?usage: buildkit-verdicts.sh DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ctx"
for path in "$dir"/*; do
  name=$(basename "$path")
  python3 - "$path" "$work/Dockerfile" <<'PY'
import re, sys
lines = open(sys.argv[1], 'rb').read().split(b'\n')
directive = re.compile(rb'^\s*#\s*([A-Za-z][A-Za-z0-9]*)\s*=')
n = 0
while n < len(lines) and directive.match(lines[n].lstrip(b'\xef\xbb\xbf')):
    n += 1
head = lines[:n]
syntax = [l for l in head if directive.match(l.lstrip(b'\xef\xbb\xbf')).group(1).lower() == b'syntax']
rest = [l for l in head if l not in syntax]
moved = [re.sub(rb'(?i)syntax', b'nosyntax', l, count=1) for l in syntax]
open(sys.argv[2], 'wb').write(b'\n'.join(rest + moved + lines[n:]))
PY
  out=$(DOCKER_BUILDKIT=1 docker build --network=none --target __gym_no_such_stage__ -f "$work/Dockerfile" "$work/ctx" 2>&1)
  if grep -q 'target stage "__gym_no_such_stage__" could not be found\|target stage __gym_no_such_stage__ could not be found' <<<"$out"; then
    printf '%s\taccept\n' "$name"
  else
    msg=$(grep -m1 -E 'ERROR|error' <<<"$out" | tr '\t' ' ')
    printf '%s\treject\t%s\n' "$name" "$msg"
  fi
done
