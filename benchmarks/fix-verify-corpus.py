#!/usr/bin/env python3
"""gym fix --verify on real Dockerfiles from ../shared/corpus that build with the local base images.

Each corpus file's base images are mapped to the local stand-ins of the same family (scripts/base-images.sh:
debian/ubuntu -> debian:bookworm-slim, python -> python:3.11-slim, node -> node:18-slim, golang ->
golang:1.19); the files it COPYs are created empty in a scratch context. A file qualifies when gym fix would
change it and it builds as it is (builds may reach Debian's mirror and PyPI with host networking, as gym
fix --verify builds). For each qualifying file, `gym fix --verify --write --format json` builds both versions,
measures them and writes the rewrite that stands (with a fix to blame taken back, when one was); the script
checks that every rewritten file parses (gym parse), that the findings each applied fix targeted are gone,
and that where both build the fixed image is no larger and the rebuild after a code edit no slower (ran no
more steps). It prints one line per file and the totals.

Usage: benchmarks/fix-verify-corpus.py [--count 50] [--gym .build/debug/gym] [--budget SECONDS]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

FAMILIES = [
    (re.compile(r"^(docker\.io/)?(library/)?(debian|ubuntu)(:|@|$)"), "debian:bookworm-slim"),
    (re.compile(r"^(docker\.io/)?(library/)?python(:|@|$)"), "python:3.11-slim"),
    (re.compile(r"^(docker\.io/)?(library/)?node(:|@|$)"), "node:18-slim"),
    (re.compile(r"^(docker\.io/)?(library/)?golang(:|@|$)"), "golang:1.19"),
]
FROM = re.compile(r"^(\s*FROM\s+)((?:--\S+\s+)*)(\S+)(.*)$", re.IGNORECASE)
COPY = re.compile(r"^\s*(COPY|ADD)\s+(.*)$", re.IGNORECASE)
RULES = {}
# growth allowed for log lines alone (apt's history log holds each install's command line)
LOG_BYTES = 4096


def localise(text):
    """The Dockerfile with its bases mapped to the local stand-ins, or None when a base is not mappable."""
    stages = set()
    lines = []
    for line in text.split("\n"):
        match = FROM.match(line)
        if match:
            image = match.group(3)
            rest = match.group(4)
            alias = re.search(r"\bAS\s+(\S+)", rest, re.IGNORECASE)
            if image.lower() in stages or image == "scratch":
                local = image
            else:
                local = next((to for pattern, to in FAMILIES if pattern.match(image.lower())), None)
                if local is None or "$" in image:
                    return None
            if alias:
                stages.add(alias.group(1).lower())
            line = match.group(1) + match.group(2) + local + rest
        lines.append(line)
    return "\n".join(lines)


def stub_context(text, directory):
    """Empty files for what COPY and ADD read from the context; False when a source cannot be stubbed."""
    joined = re.sub(r"\\\n", " ", text)
    for line in joined.split("\n"):
        match = COPY.match(line)
        if not match:
            continue
        words = [w for w in match.group(2).split() if not w.startswith("--")]
        if "--from" in match.group(2) or len(words) < 2 or match.group(2).lstrip().startswith("["):
            continue
        for source in words[:-1]:
            if "://" in source or "$" in source or "<<" in source:
                return False
            source = source.strip("\"'")
            if source in (".", "./"):
                continue
            path = os.path.join(directory, source.replace("*", "x").replace("?", "x").lstrip("/"))
            if source.endswith("/"):
                os.makedirs(path, exist_ok=True)
                with open(os.path.join(path, "placeholder.txt"), "w") as handle:
                    handle.write("stub\n")
            else:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                if not os.path.exists(path):
                    with open(path, "w") as handle:
                        handle.write("stub\n")
    return True


def run(arguments, timeout=600):
    return subprocess.run(arguments, capture_output=True, text=True, timeout=timeout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--gym", default=".build/debug/gym")
    parser.add_argument("--budget", type=float, default=3600)
    parser.add_argument("--corpus", default="../shared/corpus/dockerfiles")
    options = parser.parse_args()
    gym = os.path.abspath(options.gym)
    global RULES
    listing = run([gym, "fix", "--list"]).stdout
    RULES = {m.group(1): m.group(2).split(", ") for m in re.finditer(r"^(\S+): .* \(removes (.*)\)$", listing, re.M)}
    started = time.time()
    # the files that need no download first (they build in seconds), then those that download only from what
    # is reachable here (Debian's mirror through apt-get, PyPI through pip), then the rest, which mostly fail
    reachable = re.compile(r"apt-get|apt |pip3? ")
    unreachable = re.compile(
        r"apk |npm|yarn|go (mod|get|build|install)|curl|wget|git clone|gem |cargo|https?://|mvn|gradle", re.I)

    def cost(name):
        with open(os.path.join(options.corpus, name), encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        return 2 if unreachable.search(text) else 1 if reachable.search(text) else 0

    names = sorted(os.listdir(options.corpus), key=lambda name: (cost(name), name))
    verified = []
    tried = 0
    for name in names:
        if len(verified) >= options.count or time.time() - started > options.budget:
            break
        with open(os.path.join(options.corpus, name), encoding="utf-8", errors="replace") as handle:
            text = localise(handle.read())
        if text is None:
            continue
        scratch = tempfile.mkdtemp(prefix="gym-fixcorpus-")
        try:
            if not stub_context(text, scratch):
                continue
            dockerfile = os.path.join(scratch, "Dockerfile")
            with open(dockerfile, "w") as handle:
                handle.write(text)
            preview = run([gym, "fix", dockerfile, "--format", "json"])
            # a rewrite of the Dockerfile (a .dockerignore alone changes no build step)
            if preview.returncode != 0 or not json.loads(preview.stdout).get("applied"):
                continue
            tried += 1
            # the file as it is must build (with the network gym fix --verify's builds have)
            before = run(["docker", "build", "-q", "--network=host", "-f", dockerfile, scratch], timeout=900)
            if before.returncode != 0:
                continue
            run(["docker", "rmi", "-f", before.stdout.strip()])
            # verified and, when kept, written (a fix to blame may have been taken back: the rest is written)
            result = run([gym, "fix", dockerfile, "--verify", "--write", "--format", "json"], timeout=1800)
            report = json.loads(result.stdout)
            verification = report.get("verification") or {}
            after = verification.get("after")
            entry = {"name": name, "applied": [a["fix"] for a in report["applied"]], "kept": report["kept"],
                     "withdrawn": [w["fix"] for w in verification.get("withdrawn") or []]}
            # the rewrite parses as BuildKit reads it, and what each fix targeted is gone: the written file when
            # kept, else the whole rewrite that was tried (written to a copy)
            rewritten = dockerfile
            if not report["kept"]:
                copy = os.path.join(scratch, "copy")
                os.makedirs(copy)
                shutil.copy(dockerfile, os.path.join(copy, "Dockerfile"))
                rewritten = os.path.join(copy, "Dockerfile")
                run([gym, "fix", rewritten, "--write"])
            entry["parses"] = run([gym, "parse", rewritten]).returncode == 0
            lint = run([gym, "lint", rewritten, "--format", "json"])
            targeted = {rule for fix in entry["applied"] for rule in RULES.get(fix, [])}
            entry["targets_gone"] = not any(f.get("rule") in targeted for f in json.loads(lint.stdout or "[]"))
            entry["before"] = verification.get("before")
            entry["after"] = after
            if after:
                b = verification["before"]
                entry["grown"] = (after.get("sizeBytes") or 0) - (b.get("sizeBytes") or 0)
                # apt's history log records the install's command line: a longer one (--no-install-recommends
                # where there were no recommends) is a few bytes more and nothing else
                entry["no_larger"] = entry["grown"] <= LOG_BYTES
                if b.get("rebuildStepsRun") is not None and after.get("rebuildStepsRun") is not None:
                    entry["no_slower"] = after["rebuildStepsRun"] <= b["rebuildStepsRun"]
            verified.append(entry)
            size = lambda m: (m or {}).get("sizeBytes") or 0
            print(
                f"{name[:70]:70} {','.join(entry['applied'])[:60]:60} "
                f"{size(entry['before']) / 1e6:8.1f} -> {size(after) / 1e6:8.1f} MB  "
                f"{('kept' + (' without ' + ','.join(entry['withdrawn']) if entry['withdrawn'] else '')) if entry['kept'] else 'rolled back: ' + str(verification.get('rollback'))[:80]}",
                flush=True)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    kept = [e for e in verified if e["kept"]]
    print(f"\n{len(verified)} corpus files built and verified ({tried} with a pending fix tried), {time.time() - started:.0f} s")
    withdrawn = [e for e in kept if e["withdrawn"]]
    print(f"kept (build and run alike): {len(kept)} ({len(withdrawn)} with one fix taken back: "
          f"{', '.join(sorted(set(f for e in withdrawn for f in e['withdrawn'])))}); "
          f"rolled back: {len(verified) - len(kept)}")
    print(f"rewritten files that parse: {sum(1 for e in verified if e.get('parses'))} of {len(verified)}; "
          f"targeted findings gone: {sum(1 for e in verified if e.get('targets_gone'))} of {len(verified)}")
    grown = [e for e in kept if 0 < e.get("grown", 0) <= LOG_BYTES]
    print(f"no larger: {sum(1 for e in kept if e.get('no_larger'))} of {len(kept)} "
          f"({len(grown)} by at most {LOG_BYTES} bytes of log: "
          f"{', '.join(e['name'][:40] + ' +' + str(e['grown']) for e in grown) or 'none'}); "
          f"rebuild no slower: {sum(1 for e in kept if e.get('no_slower', True))} of {len(kept)}")
    total_before = sum((e['before'] or {}).get('sizeBytes') or 0 for e in kept)
    total_after = sum((e['after'] or {}).get('sizeBytes') or 0 for e in kept)
    if total_before:
        print(f"total size of the kept: {total_before / 1e6:.1f} MB -> {total_after / 1e6:.1f} MB")
    good = all(e.get("parses") and e.get("targets_gone") for e in verified) and all(
        e.get("no_larger", True) and e.get("no_slower", True) for e in kept)
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
