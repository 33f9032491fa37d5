#!/usr/bin/env python3
"""Checks seamline's per-file churn against `git log --numstat` exactly.

Usage: bench/history_check.py REPO [SEAMLINE_JSON]

Runs `git log --numstat --no-renames -z` in REPO (the input code-maat consumes) and sums, per
path, the commits listing it and the lines added and removed (binary files, shown as `-`, count
a commit and no lines). Then reads `seamline history REPO --no-renames --format json` (from
SEAMLINE_JSON if given, else by running $SEAMLINE, default target/release/seamline) and compares
files[].{path, commits, added, removed}. Prints a summary line and every difference; exits 1 when
they differ.
"""

import json
import os
import subprocess
import sys
from collections import defaultdict


def git_numstat(repo):
    out = subprocess.run(
        ["git", "-C", repo, "-c", "core.quotePath=false", "log", "--numstat",
         "--no-renames", "-z", "--format=%x01%H"],
        check=True, capture_output=True,
    ).stdout
    stats = defaultdict(lambda: [0, 0, 0])
    commits = 0
    for token in out.split(b"\0"):
        token = token.lstrip(b"\n")
        if not token:
            continue
        if token.startswith(b"\x01"):
            commits += 1
            # A header may run into the first numstat entry of its commit.
            rest = token.split(b"\n", 1)
            if len(rest) < 2 or not rest[1]:
                continue
            token = rest[1].lstrip(b"\n")
        parts = token.split(b"\t", 2)
        if len(parts) != 3:
            continue
        added, removed, path = parts
        s = stats[path.decode("utf-8", "replace")]
        s[0] += 1
        if added != b"-":
            s[1] += int(added)
            s[2] += int(removed)
    return commits, stats


def seamline_json(repo, given):
    if given:
        with open(given, encoding="utf-8") as f:
            return json.load(f)
    binary = os.environ.get("SEAMLINE", "target/release/seamline")
    out = subprocess.run(
        [binary, "history", repo, "--no-renames", "--no-cache", "--format", "json"],
        check=True, capture_output=True,
    ).stdout
    return json.loads(out)


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    repo = sys.argv[1]
    commits, git = git_numstat(repo)
    report = seamline_json(repo, sys.argv[2] if len(sys.argv) > 2 else None)
    ours = {f["path"]: [f["commits"], f["added"], f["removed"]] for f in report["files"]}
    diffs = []
    for path in sorted(set(git) | set(ours)):
        g, o = git.get(path), ours.get(path)
        if g != o:
            diffs.append((path, g, o))
    lines = sum(s[1] + s[2] for s in git.values())
    window = report.get("window", {})
    print(
        f"{repo}: git log listed {commits} commits and {len(git)} paths "
        f"({lines} lines changed); seamline walked {window.get('commits')} commits "
        f"+ {window.get('merges')} merges, {len(ours)} paths; "
        f"{'identical' if not diffs else f'{len(diffs)} differences'}"
    )
    for path, g, o in diffs[:50]:
        print(f"  {path}: git (commits, added, removed) = {g}, seamline = {o}")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
