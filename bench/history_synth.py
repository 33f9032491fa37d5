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


class Synth:
    """The stream being written and the state of the repository it describes."""

    def __init__(self, rng, out):
        self.rng = rng
        self.out = out
        self.files = {}
        self.next_file = 0
        self.mark = 0
        self.time = 1420070400

    def new_mark(self):
        self.mark += 1
        return self.mark

    def new_path(self):
        self.next_file += 1
        d = self.rng.randrange(20)
        return f"src/mod{d:02}/file{self.next_file:05}.rs"

    def random_lines(self, n):
        rng = self.rng
        return [rng.choice(WORDS) + (f" // {rng.randrange(10**6)}" if rng.random() < 0.5 else "")
                for _ in range(n)]

    def data(self, b):
        self.out.write(b"data %d\n" % len(b))
        self.out.write(b)
        self.out.write(b"\n")

    def edit(self, lines):
        rng = self.rng
        lines = list(lines)
        for _ in range(rng.randint(1, 3)):
            if lines and rng.random() < 0.4:
                at = rng.randrange(len(lines))
                del lines[at:at + rng.randint(1, 6)]
            at = rng.randrange(len(lines) + 1)
            lines[at:at] = self.random_lines(rng.randint(1, 12))
        return lines

    def commit(self, branch, parent_marks, ops, who):
        out = self.out
        m = self.new_mark()
        self.time += self.rng.randint(600, 6 * 3600)
        name = f"Dev {who:02}"
        out.write(b"commit refs/heads/%s\nmark :%d\n" % (branch.encode(), m))
        out.write(b"author %s <dev%02d@example.com> %d +0000\n" % (name.encode(), who, self.time))
        out.write(b"committer %s <dev%02d@example.com> %d +0000\n" % (name.encode(), who, self.time))
        self.data(f"commit {m}".encode())
        if parent_marks:
            out.write(b"from :%d\n" % parent_marks[0])
            for p in parent_marks[1:]:
                out.write(b"merge :%d\n" % p)
        for op in ops:
            out.write(op)
        return m

    def initial(self):
        """The first commit: 400 files."""
        ops = []
        for _ in range(400):
            p = self.new_path()
            self.files[p] = self.random_lines(self.rng.randint(20, 300))
            ops.append(modify(p, self.files[p]))
        return self.commit("main", [], ops, 0)

    def side_branch(self, head):
        """A side branch of three commits, one on main meanwhile, and the merge: five commits."""
        rng, files = self.rng, self.files
        side_files = rng.sample(sorted(files), 3)
        side = dict((p, files[p]) for p in side_files)
        tip = head
        for i in range(3):
            p = side_files[i]
            side[p] = self.edit(side[p])
            tip = self.commit("side", [tip], [modify(p, side[p])], rng.randrange(30))
        # Main moves on meanwhile with files the side branch does not touch.
        others = [p for p in sorted(files) if p not in side]
        p = rng.choice(others)
        files[p] = self.edit(files[p])
        head = self.commit("main", [head], [modify(p, files[p])], rng.randrange(30))
        files.update(side)
        return self.commit("main", [head, tip], [modify(q, files[q]) for q in side_files],
                           rng.randrange(30))

    def structural_ops(self, made):
        """Now and then: a file added, deleted or renamed (and maybe edited), or a binary."""
        rng, files = self.rng, self.files
        ops = []
        roll = rng.random()
        if roll < 0.03:
            p = self.new_path()
            files[p] = self.random_lines(rng.randint(5, 120))
            ops.append(modify(p, files[p]))
        elif roll < 0.045 and len(files) > 50:
            p = rng.choice(sorted(files))
            del files[p]
            ops.append(b"D %s\n" % p.encode())
        elif roll < 0.06:
            ops.extend(self.rename())
        elif roll < 0.065:
            blob = bytes(rng.randrange(256) for _ in range(2000)) + b"\0"
            ops.append(b"M 100644 inline assets/blob%05d.bin\ndata %d\n%s\n" % (made, len(blob), blob))
        return ops

    def rename(self):
        """A file renamed, and edited half of the time."""
        rng, files = self.rng, self.files
        p = rng.choice(sorted(files))
        q = self.new_path()
        files[q] = files.pop(p)
        ops = [b"R %s %s\n" % (p.encode(), q.encode())]
        if rng.random() < 0.5:
            files[q] = self.edit(files[q])
            ops.append(modify(q, files[q]))
        return ops

    def ordinary(self, head, made):
        """One commit on main: maybe a structural change, then one to six files edited."""
        rng, files = self.rng, self.files
        ops = self.structural_ops(made)
        for p in rng.sample(sorted(files), rng.randint(1, 6)):
            files[p] = self.edit(files[p])
            ops.append(modify(p, files[p]))
        return self.commit("main", [head], ops, rng.randrange(30))


def text(lines):
    return ("\n".join(lines) + "\n").encode() if lines else b""


def modify(path, lines):
    b = text(lines)
    return b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(b), b)


def main():
    commits = int(sys.argv[1]) if len(sys.argv) > 1 else 12000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 42
    synth = Synth(random.Random(seed), sys.stdout.buffer)
    head = synth.initial()
    made = 1
    while made < commits:
        if made % 40 == 0 and made + 4 <= commits:
            head = synth.side_branch(head)
            made += 5
            continue
        head = synth.ordinary(head, made)
        made += 1


if __name__ == "__main__":
    main()
