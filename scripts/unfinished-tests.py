#!/usr/bin/env python3
"""Names the tests a swift-testing log shows as started and never finished (a hung run's suspects).
Usage: scripts/unfinished-tests.py LOG"""
import re
import sys

ANSI = re.compile(r"\x1b\[[0-9;]*m")
STARTED = re.compile(r"◇ (Test|Suite) (.*) started\.$")
FINISHED = re.compile(r"[✔✘] (Test|Suite) (.*?)( with \d+ test cases?)? (passed|failed)( after| with)")
SKIPPED = re.compile(r"[➜↷] (Test|Suite) (.*?) skipped")

if len(sys.argv) != 2:
    sys.exit(__doc__)
running = {}
with open(sys.argv[1], encoding="utf-8", errors="replace") as log:
    for line in log:
        line = ANSI.sub("", line).strip()
        if match := STARTED.search(line):
            # the run and parameterised cases print no line of their own when they end
            if match.group(2) != "run" and not match.group(2).startswith("case "):
                running[(match.group(1), match.group(2))] = True
        elif match := FINISHED.search(line) or SKIPPED.search(line):
            running.pop((match.group(1), match.group(2)), None)
for kind, name in running:
    print(f"  {kind.lower()} {name}")
if not running:
    print("  (none: every test that started finished)")
