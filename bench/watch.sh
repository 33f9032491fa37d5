#!/usr/bin/env bash
# Benchmarks `seamline watch` on a real tree of more than 10,000 files and writes the results
# into bench/results/watch.json (one JSON object per benchmark) and bench/results/watch.md:
#
#   latency  write → band event, p50 / p99 over 200 edits of a real Rust file (the target:
#            p99 under 50 ms beyond the debounce)
#   burst    5,000 real source files written at once: time until the model has them all,
#            against a cold scan of the same files (the target: within 3×)
#   idle     CPU and resident memory of the idle watcher, sampled every 5 s, and the memory
#            slope (the target: CPU near zero, no growth); idle_poll: the same for one minute
#            with the polling fallback (the cost of polling a tree this size every second)
#
# The tree is a copy, built under ${SEAMLINE_WATCH_TREE:-/tmp/seamline-watch-bench/tree}
# (never inside the repository) from the benchmark corpus (bench/corpus.sh) and, when the
# mirror is there, a clone of rust-clippy. The benchmarks write into that copy.
#
# Usage: bench/watch.sh [latency|burst|idle|idle_poll|all]   (default all)
# Environment:
#   SEAMLINE      the binary (default target/release/seamline; `cargo build --release` first)
#   CORPUS        default ${SEAMLINE_CORPUS:-$HOME/.cache/seamline-bench/corpus}
#   CLIPPY_MIRROR default /work/.mirror/rust-lang+rust-clippy/repo (skipped when absent)
#   IDLE_SECONDS  default 300
#   RESULTS       default bench/results
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
WHAT="${1:-all}"
SEAMLINE="${SEAMLINE:-$repo/target/release/seamline}"
CORPUS="${CORPUS:-${SEAMLINE_CORPUS:-$HOME/.cache/seamline-bench/corpus}}"
CLIPPY_MIRROR="${CLIPPY_MIRROR:-/work/.mirror/rust-lang+rust-clippy/repo}"
TREE="${SEAMLINE_WATCH_TREE:-/tmp/seamline-watch-bench/tree}"
IDLE_SECONDS="${IDLE_SECONDS:-300}"
OUT="${RESULTS:-$here/results}"

log() { printf '[watch] %s\n' "$*" >&2; }
die() { printf '[watch] error: %s\n' "$*" >&2; exit 1; }

case "$TREE" in "$repo" | "$repo"/*) die "the tree must live outside the repository: $TREE" ;; esac
[ -x "$SEAMLINE" ] || die "$SEAMLINE not found: run 'cargo build --release'"
[ -d "$CORPUS" ] || die "corpus $CORPUS not found: run bench/corpus.sh first"
command -v python3 >/dev/null || die "python3 is required"

if [ ! -d "$TREE" ]; then
    log "building the tree in $TREE"
    mkdir -p "$TREE"
    cp -r "$CORPUS/." "$TREE/corpus"
    if [ -d "$CLIPPY_MIRROR" ]; then
        git clone --quiet --shared "$CLIPPY_MIRROR" "$TREE/clippy"
    fi
fi
files="$("$SEAMLINE" scan "$TREE" --no-cache --no-user-config --format json \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["totals"]["files"])')"
log "tree: $files files (the scanner's count)"
[ "$files" -ge 10000 ] || log "warning: fewer than 10,000 files"

mkdir -p "$OUT" /tmp/seamline-watch-bench/cache
export SEAMLINE_BIN="$SEAMLINE" SEAMLINE_WATCH_CACHE=/tmp/seamline-watch-bench/cache
results="$OUT/watch.json"
: >"$results.new"
run() {
    log "$1 ..."
    python3 "$here/watch_driver.py" "$@" "$TREE" | tee -a "$results.new" >&2
}
case "$WHAT" in
    latency | all) run latency --edits 200 ;;&
    burst | all) run burst --files 5000 ;;&
    idle | all) run idle --seconds "$IDLE_SECONDS" ;;&
    idle_poll | all) run idle --poll --seconds 60 ;;
    latency | burst | idle) ;;
    *) die "unknown benchmark: $WHAT" ;;
esac
# Keep the earlier results of the benchmarks not run this time.
if [ -f "$results" ]; then
    python3 - "$results" "$results.new" <<'EOF2'
import json, sys
old, new = sys.argv[1], sys.argv[2]
fresh = [json.loads(l) for l in open(new) if l.strip()]
done = {r["bench"] for r in fresh}
kept = [json.loads(l) for l in open(old) if l.strip() and json.loads(l)["bench"] not in done]
with open(new, "w") as f:
    for r in kept + fresh:
        f.write(json.dumps(r) + "\n")
EOF2
fi
mv "$results.new" "$results"

{
    printf '# seamline watch: %s\n\n' "$(date -u +%Y-%m-%d)"
    printf 'Tree: %s files (%s). CPU: %s, %s cores.\n\n' "$files" "$TREE" \
        "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" "$(nproc)"
    python3 - "$results" <<'EOF'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    load = f" [load average {r.get('loadavg_before')} → {r.get('loadavg_after')}]"
    if r["bench"] == "latency":
        print(f"- latency over {r['edits']} edits of `{r['file']}` ({r['lines']} lines): "
              f"p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms, max {r['max_ms']} ms with a "
              f"{r['debounce_ms']} ms debounce; beyond it p50 {r['p50_beyond_debounce_ms']} ms, "
              f"p99 {r['p99_beyond_debounce_ms']} ms (target < 50 ms)" + load)
    elif r["bench"] == "burst":
        print(f"- burst of {r['files']} files (written in {r['write_s']} s): settled in "
              f"{r['settled_s']} s; a cold scan of them takes {r['cold_scan_s']} s: "
              f"{r['ratio']}x (target < 3x)" + load)
    elif r["bench"] in ("idle", "idle_poll"):
        how = "polling every second" if r["bench"] == "idle_poll" else "native watcher"
        print(f"- idle ({how}) for {r['seconds']} s: CPU {r['cpu_s']} s ({r['cpu_percent']} %), RSS "
              f"{r['rss_kb_first']} → {r['rss_kb_last']} KiB (max {r['rss_kb_max']}), slope "
              f"{r['rss_slope_kb_per_min']} KiB/min over {r['samples']} samples" + load)
EOF
} >"$OUT/watch.md"
cat "$OUT/watch.md"
