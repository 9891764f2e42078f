#!/usr/bin/env bash
# Compares gym's findings with hadolint's recorded findings over the shared corpus
# (../shared/reference/hadolint/corpus-findings.json, hadolint 2.15.1, default configuration), per hadolint
# rule that a gym rule maps to. A finding agrees when both report the same rule on the same file and line.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
swift build -c release --product gym >/dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
.build/release/gym lint --format json --failure-threshold none --context /nonexistent-context \
  "$shared"/corpus/dockerfiles/* >"$out" 2>/dev/null || true
.build/release/gym lint --list-rules --format json >"$out.rules"
# hadolint reports the line an instruction starts on; gym reports the token. Map gym's lines to instructions.
.build/release/gym parse --format json "$shared"/corpus/dockerfiles/* >"$out.parse" 2>/dev/null || true
python3 - "$out" "$out.rules" "$shared/reference/hadolint/corpus-findings.json" "$out.parse" <<'PY'
import json, os, sys
ours = json.load(open(sys.argv[1]))
rules = json.load(open(sys.argv[2]))
theirs = json.load(open(sys.argv[3]))
parsed = json.load(open(sys.argv[4]))
os.remove(sys.argv[2]); os.remove(sys.argv[4])
spans = {}
for report in parsed:
    if not report["ok"]: continue
    s = []
    for stage in report["stages"]:
        for ins in stage["instructions"]:
            s.append((ins["range"]["startLine"], ins["range"]["endLine"]))
    spans[os.path.basename(report["file"])] = s
def start_line(file, line):
    for a, b in spans.get(file, []):
        if a <= line <= b: return a
    return line
for f in ours:
    f["line"] = start_line(os.path.basename(f["file"]), f["line"])
peer = {r["id"]: r["hadolint"] for r in rules}
mapped = sorted({h for hs in peer.values() for h in hs})
def key(f): return (os.path.basename(f["file"]), f["line"])
unparsable = {f["file"] for f in theirs if f["code"] == "DL1000"}
ours_parse_errors = {os.path.basename(f["file"]) for f in ours if f["rule"] == "parse-error"}
print(f"{'hadolint':<9}{'gym rule':<28}{'both':>6}{'gym only':>10}{'hadolint only':>15}{'agreement':>11}")
total_both = total_union = 0
for code in mapped:
    gym_ids = [i for i, hs in peer.items() if code in hs]
    a = {key(f) for f in ours if f["rule"] in gym_ids and os.path.basename(f["file"]) not in unparsable}
    b = {key(f) for f in theirs if f["code"] == code and f["file"] not in ours_parse_errors}
    both, union = len(a & b), len(a | b)
    total_both += both; total_union += union
    agreement = f"{100 * both / union:.0f}%" if union else "-"
    print(f"{code:<9}{', '.join(gym_ids):<28}{both:>6}{len(a - b):>10}{len(b - a):>15}{agreement:>11}")
print(f"overall: {total_both} of {total_union} findings agree ({100 * total_both / max(1, total_union):.0f}%)")
print(f"not compared: {len(unparsable)} files hadolint cannot parse (gym lints {len(unparsable - ours_parse_errors)} of them, "
      f"the ones BuildKit accepts) and {len(ours_parse_errors - unparsable)} files BuildKit rejects, which gym reports as parse errors")
PY
