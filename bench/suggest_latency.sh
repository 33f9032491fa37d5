#!/usr/bin/env bash
# Times `seamline suggest FILE` on single real files of about 3,000 lines (and one larger), each
# copied alone into a scratch directory so that the command scans that file only: process start,
# the scan of one file, and planning for it. The issue's target is planning under 100 ms for a
# 3,000-line file, cheap enough for the cockpit to run on the selected node on demand.
#
# Usage: bench/suggest_latency.sh
# Environment:
#   SEAMLINE  binary (default target/release/seamline)
#   CORPUS    default ${SEAMLINE_CORPUS:-$HOME/.cache/seamline-bench/corpus} (bench/corpus.sh)
#   RUNS      default 10
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
SEAMLINE="${SEAMLINE:-$root/target/release/seamline}"
CORPUS="${CORPUS:-${SEAMLINE_CORPUS:-$HOME/.cache/seamline-bench/corpus}}"
RUNS="${RUNS:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
files=(
  "django-5.1/django/db/models/query.py"
  "crates/serde-1.0.215/src/private/de.rs"
  "crates/regex-1.11.1/src/regex/bytes.rs"
  "crates/gimli-0.31.1/src/read/cfi.rs"
)
cmds=()
for f in "${files[@]}"; do
  [[ -f "$CORPUS/$f" ]] || { echo "missing $CORPUS/$f: run bench/corpus.sh" >&2; exit 2; }
  d="$work/$(basename "$(dirname "$f")")-$(basename "$f" | tr . _)"
  mkdir -p "$d"
  cp "$CORPUS/$f" "$d/"
  echo "$(wc -l < "$CORPUS/$f") lines: $f" >&2
  cmds+=(-n "$(basename "$f")" "$SEAMLINE suggest $d/$(basename "$f") --no-user-config --no-cache --format json")
done
hyperfine -N --runs "$RUNS" --warmup 1 "${cmds[@]}"
