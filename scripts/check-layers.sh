#!/usr/bin/env bash
# Every library dependency points down the order of ../shared/DESIGN.md's target list (no module imports one
# listed above it). Utility targets (Rendering, SARIF, Spawn, the C shims) sit below them all. Reads the
# package graph from `swift package dump-package`; exits 1 naming each edge that points up.
set -euo pipefail
cd "$(dirname "$0")/.."
swift package dump-package 2>/dev/null | python3 -c '
import json, sys
order = ["gym", "GymCommands", "LayerExplorer", "Server", "Gym", "Report", "Bench", "Scan", "Registry", "Image", "Context",
         "Lint", "Engine", "Dockerfile", "Storage", "Base", "Fence", "SARIF", "Rendering", "Terminal", "Spawn", "CGymZlib", "CZstd", "CDeflate"]
rank = {name: i for i, name in enumerate(order)}
package = json.load(sys.stdin)
bad = []
for target in package["targets"]:
    if target["type"] not in ("regular", "executable", "system") or target["name"] not in rank:
        if target["type"] in ("regular", "executable") and target["name"] not in rank and target["name"] != "TestSupport":
            bad.append(target["name"] + ": not placed in the layer order")
        continue
    for dependency in target["dependencies"]:
        kind = next(iter(dependency))
        name = dependency[kind][0]
        if kind == "product" or name not in rank:
            continue
        if rank[name] <= rank[target["name"]]:
            bad.append(target["name"] + " -> " + name + " points up")
for line in bad:
    print("layers: " + line, file=sys.stderr)
print("layers: %d targets, %s" % (len(package["targets"]), "every dependency points down" if not bad else "%d wrong" % len(bad)))
sys.exit(1 if bad else 0)
'
