#!/usr/bin/env python3
"""Writes a synthetic git history as a `git fast-import` stream on stdout.

Usage: bench/history_synth.py [COMMITS] [SEED] | git -C REPO fast-import --quiet

A deterministic history (same COMMITS and SEED, same repository) for benchmarking and checking
the history engine when no large real repository is at hand: about 400 source files in 20
directories; each commit edits one to six files (inserting and deleting runs of lines), now and
then adds, deletes or renames a file, appends a binary file; every 40 commits a side branch of
three commits is merged back with a merge commit. Authors rotate through 30 names; dates advance
by a few hours per commit from 2015-01-01.
"""

import random
import sys

WORDS = ("let value = compute(input, offset);", "if count > limit { return None; }",
         "for item in items.iter() {", "}", "", "// keeps the cache warm",
         "match state { Ready => go(), _ => wait() }", "self.total += delta;",
         "fn helper(x: u32) -> u32 {", "    x * 2", "return Ok(result);",
         "#[inline]", "pub struct Point { x: i32, y: i32 }", "use std::collections::HashMap;")


def main():
    commits = int(sys.argv[1]) if len(sys.argv) > 1 else 12000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 42
    rng = random.Random(seed)
    out = sys.stdout.buffer
    files = {}
    next_file = [0]
    mark = [0]
    time = [1420070400]

    def new_mark():
        mark[0] += 1
        return mark[0]

    def new_path():
        next_file[0] += 1
        d = rng.randrange(20)
        return f"src/mod{d:02}/file{next_file[0]:05}.rs"

    def random_lines(n):
        return [rng.choice(WORDS) + (f" // {rng.randrange(10**6)}" if rng.random() < 0.5 else "")
                for _ in range(n)]

    def data(b):
        out.write(b"data %d\n" % len(b))
        out.write(b)
        out.write(b"\n")

    def edit(lines):
        lines = list(lines)
        for _ in range(rng.randint(1, 3)):
            if lines and rng.random() < 0.4:
                at = rng.randrange(len(lines))
                del lines[at:at + rng.randint(1, 6)]
            at = rng.randrange(len(lines) + 1)
            lines[at:at] = random_lines(rng.randint(1, 12))
        return lines

    def text(lines):
        return ("\n".join(lines) + "\n").encode() if lines else b""

    def commit(branch, parent_marks, ops, who):
        m = new_mark()
        time[0] += rng.randint(600, 6 * 3600)
        name = f"Dev {who:02}"
        out.write(b"commit refs/heads/%s\nmark :%d\n" % (branch.encode(), m))
        out.write(b"author %s <dev%02d@example.com> %d +0000\n" % (name.encode(), who, time[0]))
        out.write(b"committer %s <dev%02d@example.com> %d +0000\n" % (name.encode(), who, time[0]))
        data(f"commit {m}".encode())
        if parent_marks:
            out.write(b"from :%d\n" % parent_marks[0])
            for p in parent_marks[1:]:
                out.write(b"merge :%d\n" % p)
        for op in ops:
            out.write(op)
        return m

    def modify(path, lines):
        b = text(lines)
        return b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(b), b)

    ops = []
    for _ in range(400):
        p = new_path()
        files[p] = random_lines(rng.randint(20, 300))
        ops.append(modify(p, files[p]))
    head = commit("main", [], ops, 0)
    made = 1
    while made < commits:
        if made % 40 == 0 and made + 4 <= commits:
            side_files = rng.sample(sorted(files), 3)
            side = dict((p, files[p]) for p in side_files)
            tip = head
            for i in range(3):
                p = side_files[i]
                side[p] = edit(side[p])
                tip = commit("side", [tip], [modify(p, side[p])], rng.randrange(30))
            # Main moves on meanwhile with files the side branch does not touch.
            others = [p for p in sorted(files) if p not in side]
            p = rng.choice(others)
            files[p] = edit(files[p])
            head = commit("main", [head], [modify(p, files[p])], rng.randrange(30))
            files.update(side)
            head = commit("main", [head, tip], [modify(q, files[q]) for q in side_files],
                          rng.randrange(30))
            made += 5
            continue
        ops = []
        roll = rng.random()
        if roll < 0.03:
            p = new_path()
            files[p] = random_lines(rng.randint(5, 120))
            ops.append(modify(p, files[p]))
        elif roll < 0.045 and len(files) > 50:
            p = rng.choice(sorted(files))
            del files[p]
            ops.append(b"D %s\n" % p.encode())
        elif roll < 0.06:
            p = rng.choice(sorted(files))
            q = new_path()
            files[q] = files.pop(p)
            ops.append(b"R %s %s\n" % (p.encode(), q.encode()))
            if rng.random() < 0.5:
                files[q] = edit(files[q])
                ops.append(modify(q, files[q]))
        elif roll < 0.065:
            blob = bytes(rng.randrange(256) for _ in range(2000)) + b"\0"
            ops.append(b"M 100644 inline assets/blob%05d.bin\ndata %d\n%s\n" % (made, len(blob), blob))
        for p in rng.sample(sorted(files), rng.randint(1, 6)):
            files[p] = edit(files[p])
            ops.append(modify(p, files[p]))
        head = commit("main", [head], ops, rng.randrange(30))
        made += 1


if __name__ == "__main__":
    main()
