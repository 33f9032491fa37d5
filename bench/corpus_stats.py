#!/usr/bin/env python3
"""Counts the benchmark corpus' files, bytes and lines: the denominators of the scan benchmark.

Files are classed as the scanner sees them: binary (a NUL byte in the first 8 KiB) and files over
the 2 MiB limit are skipped; every other file is text, and its lines are counted (a last line
without a newline counts). Text files are split into the languages that get parsed (by extension)
and the rest. Output: TSV on stdout, one row per group.

Usage: corpus_stats.py CORPUS
"""
import os
import sys

LIMIT = 2 * 1024 * 1024
PARSED = {
    ".rs": "rust",
    ".py": "python", ".pyi": "python",
    ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
    ".ts": "typescript", ".tsx": "tsx",
    ".go": "go", ".java": "java",
    ".c": "c", ".h": "c",
    ".cc": "cpp", ".cpp": "cpp", ".cxx": "cpp", ".hpp": "cpp", ".hh": "cpp", ".hxx": "cpp",
}


def count_lines(data: bytes) -> int:
    n = data.count(b"\n")
    if data and not data.endswith(b"\n"):
        n += 1
    return n


def add(groups: dict[str, list[int]], group: str, size: int, lines: int) -> None:
    g = groups.setdefault(group, [0, 0, 0])
    g[0] += 1
    g[1] += size
    g[2] += lines


def count_file(groups: dict[str, list[int]], path: str, name: str) -> None:
    """Adds one file to the groups it belongs to (skipped, parsed or other text, totals)."""
    if os.path.islink(path) or not os.path.isfile(path):
        return
    size = os.path.getsize(path)
    if size > LIMIT:
        add(groups, "skipped_too_large", size, 0)
        return
    with open(path, "rb") as f:
        data = f.read()
    if b"\0" in data[:8192]:
        add(groups, "skipped_binary", size, 0)
        return
    lines = count_lines(data)
    ext = os.path.splitext(name)[1].lower()
    add(groups, PARSED.get(ext, "other_text"), size, lines)
    if ext in PARSED:
        add(groups, "parsed_total", size, lines)
    add(groups, "text_total", size, lines)


def main() -> int:
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print("usage: corpus_stats.py CORPUS", file=sys.stderr)
        return 2
    groups: dict[str, list[int]] = {}
    for root, dirs, files in os.walk(sys.argv[1]):
        dirs.sort()
        for name in sorted(files):
            count_file(groups, os.path.join(root, name), name)

    print("group\tfiles\tbytes\tlines")
    for group in sorted(groups):
        files, size, lines = groups[group]
        print(f"{group}\t{files}\t{size}\t{lines}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
