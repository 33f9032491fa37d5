#!/usr/bin/env python3
"""Turns bench/scan.sh's raw results into the summary table BENCHMARKS.md quotes.

Reads, from the results directory: scan.json (hyperfine's export), memory.tsv (peak RSS per
command), corpus.tsv (corpus_stats.py), run.tsv (threads, load averages around the run) and, when
present, parse_throughput.md (bench/parse.sh). Writes Markdown on stdout: per command the median
time, lines per second and peak RSS per 100,000 lines, the issue's targets as ratios of medians,
and how close the full scan gets to the single-thread parsing floor. A target whose commands were
not timed is "pending".

Usage: summarize.py RESULTS_DIR
"""
import json
import os
import sys

# Display names given to hyperfine by scan.sh.
FULL = "seamline scan --no-cache (full, json)"
WARM = "seamline scan (warm cache)"
LINES = "seamline scan --lines-only --no-cache"
TOKEI = "tokei"
RCA = "rust-code-analysis-cli -m"
LIZARD = "lizard"

# (description, numerator, denominator, predicate on the ratio, goal text)
TARGETS = [
    ("full scan vs rust-code-analysis-cli", RCA, FULL, lambda r: r >= 4.0, "peer / seamline >= 4"),
    ("full scan vs lizard", LIZARD, FULL, lambda r: r >= 4.0, "peer / seamline >= 4"),
    ("lines-only vs tokei", LINES, TOKEI, lambda r: r <= 1.5, "seamline / tokei <= 1.5"),
    ("warm scan vs tokei", WARM, TOKEI, lambda r: r < 1.0, "seamline / tokei < 1"),
]


def read_tsv(path: str) -> list[list[str]]:
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: summarize.py RESULTS_DIR", file=sys.stderr)
        return 2
    out = sys.argv[1]
    with open(os.path.join(out, "scan.json"), encoding="utf-8") as f:
        results = {r["command"]: r for r in json.load(f)["results"]}
    corpus = {row[0]: row[1:] for row in read_tsv(os.path.join(out, "corpus.tsv"))[1:]}
    rss = {row[0]: row[1] for row in read_tsv(os.path.join(out, "memory.tsv"))[1:]}
    load = {row[0]: row[1] for row in read_tsv(os.path.join(out, "run.tsv"))}

    text_files, _, text_lines = (int(x) for x in corpus.get("text_total", ["0", "0", "0"]))
    parsed_files, _, parsed_lines = (int(x) for x in corpus.get("parsed_total", ["0", "0", "0"]))
    print(f"Corpus: {text_files} text files, {text_lines} lines; of which {parsed_files} files, "
          f"{parsed_lines} lines in parsed languages.  ")
    print(f"Load average before: {load.get('loadavg_before', '?')}, "
          f"after: {load.get('loadavg_after', '?')}.")
    print()
    print_commands(results, rss, text_lines)
    print_targets(results)
    print("The targets are judged on wall-clock medians; the CPU-time ratio is shown because it "
          "is less distorted when the machine is busy with other work.")
    print()
    parse_floor(out, results, int(load.get("threads", "2")))
    return 0


def print_commands(results: dict, rss: dict, text_lines: int) -> None:
    """The table of timings and memory per command."""
    print("| command | median s | mean ± σ s | min s | max s | CPU s (user+sys) | lines/s "
          "| peak RSS MiB | RSS MiB per 100k lines |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        median = r["median"]
        lps = text_lines / median if median > 0 else 0.0
        kb = rss.get(name, "")
        if kb.isdigit() and text_lines > 0:
            mib = int(kb) / 1024
            mem = f"{mib:.0f} | {mib * 100_000 / text_lines:.1f}"
        else:
            mem = "n/a | n/a"
        cpu = r["user"] + r["system"]
        print(f"| {name} | {median:.3f} | {r['mean']:.3f} ± {r['stddev'] or 0:.3f} "
              f"| {r['min']:.3f} | {r['max']:.3f} | {cpu:.3f} | {lps:,.0f} | {mem} |")
    print()
    print("lines/s and RSS per 100k lines use the corpus' text lines for every tool, although "
          "tokei, rust-code-analysis-cli and lizard read only the languages they know.")
    print()


def print_targets(results: dict) -> None:
    """The table of the issue's targets, as ratios of medians (pending when not timed)."""
    print("| target | ratio of medians | goal | met | ratio of CPU times |")
    print("|---|---:|---|---|---:|")
    for desc, num, den, ok, goal in TARGETS:
        if num in results and den in results and results[den]["median"] > 0:
            ratio = results[num]["median"] / results[den]["median"]
            n, d = results[num], results[den]
            cpu = (n["user"] + n["system"]) / max(d["user"] + d["system"], 1e-9)
            print(f"| {desc} | {ratio:.2f} | {goal} | {'yes' if ok(ratio) else 'NO'} "
                  f"| {cpu:.2f} |")
        else:
            print(f"| {desc} | pending | {goal} | pending | pending |")
    print()


def parse_floor(out: str, results: dict, threads: int) -> None:
    """Compares the full scan with the sum of single-thread parse CPU times (syn for Rust, the
    tree-sitter grammars for the rest): the thread time a scan cannot go below."""
    path = os.path.join(out, "parse_throughput.md")
    if not os.path.exists(path):
        print("Parsing floor: pending (run bench/parse.sh).")
        return
    floor = 0.0
    with open(path, encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 5:
                continue
            name = cells[0]
            if name == "syn::parse_file (Rust)" or (
                name.startswith("tree-sitter (") and name != "tree-sitter (Rust)"
            ):
                try:
                    floor += float(cells[4])
                except ValueError:
                    continue
    if FULL not in results or floor <= 0:
        print(f"Parsing floor: {floor:.2f} CPU-seconds of one thread; full scan: pending.")
        return
    full = results[FULL]
    cpu = full["user"] + full["system"]
    budget = full["median"] * threads
    print(f"Parsing floor: {floor:.2f} CPU-seconds on one thread (syn for Rust, tree-sitter for "
          f"the other parsed languages; files already in memory). The full scan used "
          f"{cpu:.2f} CPU-seconds (user+sys, mean): parsing alone is {100 * floor / cpu:.0f}% "
          f"of it. By wall clock the scan had {budget:.2f} thread-seconds ({threads} threads x "
          f"{full['median']:.2f} s median), of which the floor is {100 * floor / budget:.0f}%; "
          f"a perfect scan would take {floor / threads:.2f} s.")


if __name__ == "__main__":
    sys.exit(main())
