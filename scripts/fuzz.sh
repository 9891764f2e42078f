#!/usr/bin/env bash
# Runs gym's libFuzzer targets, each for a bounded time, from seeds of real data: the Dockerfile parser (the
# 899-file corpus), the tar reader (tars in ustar, GNU and pax formats), the OSV record decoder (real OSV
# records), .dockerignore patterns, the version orderings (Debian, PyPI, SemVer, Go; the ordering vectors),
# and git's index reader (real index files of versions 2, 3 and 4). Built with -sanitize=fuzzer,address.
# A crash stops with a non-zero exit and leaves the input in .build-fuzz/work/TARGET/crash-*: make it a
# regression test. Prints, per target, the executions and the coverage libFuzzer reached.
# The random seed is fixed (FUZZ_SEED, default 1) so that a run replays what an earlier, longer run with the
# same seed already went through; FUZZ_SEED=0 lets libFuzzer pick one.
# Usage: scripts/fuzz.sh [SECONDS per target, default 60] [TARGET...]
#        scripts/fuzz.sh --build-only [TARGET...]   builds the targets and runs nothing (.ci/run builds them at
#                                                   low priority while the tests run)
set -euo pipefail
cd "$(dirname "$0")/.."
build_only=0
if [[ ${1:-} == --build-only ]]; then
  build_only=1
  shift
  seconds=0
else
  seconds=${1:-60}
  shift || true
fi
targets=("$@")
((${#targets[@]})) || targets=(FuzzDockerfile FuzzTar FuzzOSV FuzzDockerignore FuzzVersions FuzzGitIndex)
shared=../shared
work=.build-fuzz/work
random_seed=${FUZZ_SEED:-1}
export GYM_FUZZ=1

seed() {  # seed TARGET: fills $work/TARGET/seeds
  local dir=$work/$1/seeds
  rm -rf "$dir" && mkdir -p "$dir"
  case $1 in
  FuzzDockerfile)
    [[ -d $shared/corpus/dockerfiles ]] && cp "$shared"/corpus/dockerfiles/* "$dir"/
    for f in examples/*/Dockerfile; do cp "$f" "$dir/example-$(basename "$(dirname "$f")")"; done
    ;;
  FuzzTar)
    for format in ustar gnu pax; do
      tar --format=$format -cf "$dir/examples-$format.tar" examples
      tar --format=$format -cf "$dir/scripts-$format.tar" scripts
    done
    ;;
  FuzzOSV)
    if [[ -d $shared/vulndb/osv ]]; then
      find "$shared/vulndb/osv" -name '*.json' | sort | awk 'NR % 35 == 1 && ++n <= 200' | while read -r f; do
        cp "$f" "$dir/"
      done
    fi
    ;;
  FuzzDockerignore)
    printf '.git\n*.md\n!README.md\n**/__pycache__\n' >"$dir/basic"
    printf 'node_modules\n\000node_modules/a/b.js\nsrc/app.js' >"$dir/with-paths"
    printf '[a-c]*.log\n/build/**\n!build/keep\n\000a.log\nbuild/x/y\nbuild/keep' >"$dir/classes"
    ;;
  FuzzVersions)
    if [[ -d $shared/testdata/version-ordering ]]; then
      local n=0
      for f in debian pypi semver alpine; do
        grep -m 60 -E ' [<>=] ' "$shared/testdata/version-ordering/$f-versions.txt" | while read -r a _ b; do
          printf "%s\000%s" "$a" "$b" >"$dir/$f-$((n++))"
        done
      done
    fi
    printf '1.2.3\0001.2.3-rc.1' >"$dir/semver"
    ;;
  FuzzGitIndex)
    local repo
    repo=$(mktemp -d)
    cp -r examples "$repo/"
    git -C "$repo" init -q && git -C "$repo" add -A
    for version in 2 3 4; do
      git -C "$repo" update-index --index-version $version
      cp "$repo/.git/index" "$dir/index-v$version"
    done
    rm -rf "$repo"
    ;;
  esac
}

build() {  # build TARGET: with -sanitize=fuzzer,address, in a build directory of its own
  swift build --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address --product "$1" 2>&1 |
    grep -E 'error:' && { echo "error: $1 does not build" >&2; exit 2; }
  return 0
}

if ((build_only)); then
  for target in "${targets[@]}"; do build "$target"; done
  exit 0
fi

# every target is built first (one SwiftPM build at a time), then run side by side, one per core: each still
# gets its own core for its SECONDS, as one at a time would give it (FUZZ_JOBS sets how many run at once)
jobs=${FUZZ_JOBS:-$(nproc)}
fuzz() {  # fuzz TARGET: runs it; its exit status is libFuzzer's
  local target=$1
  "$(pwd)/.build-fuzz/debug/$target" -max_total_time="$seconds" -seed="$random_seed" -print_final_stats=1 -timeout=10 \
    -rss_limit_mb=4096 -artifact_prefix="$work/$target/crash-" "$work/$target/corpus" "$work/$target/seeds" \
    >"$work/$target/last.log" 2>&1
}
for target in "${targets[@]}"; do
  build "$target"
  seed "$target"
  mkdir -p "$work/$target/corpus"
done
for target in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
  rm -f "$work/$target/status"
  { fuzz "$target" && echo 0 || echo $?; } >"$work/$target/status" &
done
wait

printf '%-18s %12s %10s %8s\n' target executions coverage seconds
status=0
for target in "${targets[@]}"; do
  log=$work/$target/last.log
  if [[ $(cat "$work/$target/status" 2>/dev/null) != 0 ]]; then
    echo "error: $target failed; the input is in $work/$target/crash-*" >&2
    grep -E 'ERROR|SUMMARY|Test unit written' "$log" >&2 || tail -20 "$log" >&2
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  coverage=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  printf '%-18s %12s %10s %8s\n' "$target" "${runs:-?}" "${coverage:-?}" "$seconds"
done
exit $status
