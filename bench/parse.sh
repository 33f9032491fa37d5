#!/usr/bin/env bash
# Single-thread parse throughput on the benchmark corpus (bench/rust/parse_throughput.rs): syn and the
# tree-sitter grammars over the corpus' files, and seamline's per-file pipeline, each on one
# thread with the files already in memory. Writes bench/results/parse_throughput.md, which
# bench/summarize.py reads to say how close the full scan gets to the parsing floor.
#
# Usage: bench/parse.sh [CORPUS]    (PARSE_REPS=N repetitions per row, default 3)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CORPUS="${1:-${SEAMLINE_CORPUS:-$HOME/.cache/seamline-bench/corpus}}"
OUT="${RESULTS:-$here/results}"
[ -d "$CORPUS" ] || { echo "[parse] error: corpus $CORPUS not found: run bench/corpus.sh first" >&2; exit 1; }
command -v cargo >/dev/null 2>&1 || { echo "[parse] error: cargo is not installed" >&2; exit 1; }
mkdir -p "$OUT"
printf '[parse] load before: %s (timings under load are not final)\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >&2
cd "$here/.."
# Into a temporary file first, so a failed build leaves the previous results in place.
trap 'rm -f "$OUT/parse_throughput.md.tmp"' EXIT
cargo bench --quiet --bench parse_throughput -- "$CORPUS" >"$OUT/parse_throughput.md.tmp"
mv "$OUT/parse_throughput.md.tmp" "$OUT/parse_throughput.md"
cat "$OUT/parse_throughput.md"
