#!/usr/bin/env bash
# Times `seamline scan` side by side with its peers on the benchmark corpus, every tool given the
# same number of threads, then measures each one's peak memory, and writes the results into
# bench/results/:
#
#   scan.json, scan.md   hyperfine's exports (every run's time, mean, median, ...)
#   memory.tsv           peak RSS of one run of each tool (GNU time -v)
#   corpus.tsv           the corpus' file and line counts (the denominators)
#   run.tsv, versions.tsv  threads, runs, load averages; tool versions and CPU
#   summary.md           medians, lines/s, RSS per 100,000 lines, and the target ratios
#
# Usage: bench/scan.sh [CORPUS]
#   CORPUS    default ${SEAMLINE_CORPUS:-$HOME/.cache/seamline-bench/corpus} (bench/corpus.sh)
# Environment:
#   SEAMLINE  the binary to time (default: target/release/seamline; build it first with
#             `cargo build --release`)
#   TOKEI     tokei binary (default: the one on PATH)
#   TOOLS     which commands to run, space-separated, from: full warm lines tokei rca lizard
#             (default: all). E.g. TOOLS="tokei rca lizard" times the peers only.
#   THREADS   threads given to every tool (default 2)
#   RUNS      timed runs per command (default 3); WARMUP extra warm-up runs (default 0: every
#             command's check run below already warms the page cache and the seamline cache)
#   SKIP_MEMORY=1  skip the /usr/bin/time -v pass
#   RESULTS   where to write the results (default: bench/results)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
CORPUS="${1:-${SEAMLINE_CORPUS:-$HOME/.cache/seamline-bench/corpus}}"
SEAMLINE="${SEAMLINE:-$repo/target/release/seamline}"
TOOLS="${TOOLS:-full warm lines tokei rca lizard}"
THREADS="${THREADS:-2}"
RUNS="${RUNS:-3}"
WARMUP="${WARMUP:-0}"
OUT="${RESULTS:-$here/results}"

log() { printf '[scan] %s\n' "$*" >&2; }
die() { printf '[scan] error: %s\n' "$*" >&2; exit 1; }
wants() { case " $TOOLS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
need() {
    command -v "$1" >/dev/null 2>&1 || die "$1 is not installed: run bench/peers.sh${2:+ ($2)}"
}

[ -d "$CORPUS" ] || die "corpus $CORPUS not found: run bench/corpus.sh first"
CORPUS="$(cd "$CORPUS" && pwd)"
# Every tool is run from the corpus' parent on the same relative path. (Not on `.`:
# rust-code-analysis-cli skips a path whose name starts with a dot, so it would see no file.)
PARENT="$(dirname "$CORPUS")"
TARGET="$(basename "$CORPUS")"
case "$TARGET" in .*) die "the corpus directory's name must not start with a dot: $CORPUS" ;; esac
need hyperfine
need python3
[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time) is missing: run bench/peers.sh"

cmds=() names=()
add() { names+=("$1"); cmds+=("$2"); }

if wants full || wants warm || wants lines; then
    [ -x "$SEAMLINE" ] || die "seamline binary $SEAMLINE not found: run 'cargo build --release'"
    "$SEAMLINE" scan --help >/dev/null 2>&1 || die "$SEAMLINE has no working 'scan' subcommand yet"
fi
CACHE="$(mktemp -d "${TMPDIR:-/tmp}/seamline-bench-cache.XXXXXX")"
trap 'rm -rf "$CACHE"' EXIT

if wants full; then
    add "seamline scan --no-cache (full, json)" \
        "'$SEAMLINE' scan --no-cache --threads $THREADS --format json '$TARGET'"
fi
if wants warm; then
    log "preparing the warm cache in $CACHE (one untimed scan)"
    (cd "$PARENT" && "$SEAMLINE" scan --threads "$THREADS" --cache-dir "$CACHE" "$TARGET" >/dev/null) ||
        die "seamline scan failed on the corpus"
    add "seamline scan (warm cache)" \
        "'$SEAMLINE' scan --threads $THREADS --cache-dir '$CACHE' '$TARGET'"
fi
if wants lines; then
    add "seamline scan --lines-only --no-cache" \
        "'$SEAMLINE' scan --lines-only --no-cache --threads $THREADS '$TARGET'"
fi
if wants tokei; then
    TOKEI="${TOKEI:-$(command -v tokei || true)}"
    [ -n "$TOKEI" ] && [ -x "$TOKEI" ] || die "tokei is not installed: run bench/peers.sh (or set TOKEI=)"
    # tokei has no thread flag; it sizes its rayon pool from RAYON_NUM_THREADS.
    add "tokei" "RAYON_NUM_THREADS=$THREADS '$TOKEI' '$TARGET'"
fi
if wants rca; then
    need rust-code-analysis-cli
    # -m: compute metrics; -O json without -o: one JSON document per file on stdout.
    add "rust-code-analysis-cli -m" \
        "rust-code-analysis-cli -m -O json -j $THREADS -p '$TARGET'"
fi
if wants lizard; then
    need lizard
    # --ignore_warnings=-1: exit 0 even though the corpus has functions over lizard's CCN limit.
    add "lizard" "lizard -t $THREADS --ignore_warnings=-1 '$TARGET'"
fi
[ "${#cmds[@]}" -gt 0 ] || die "TOOLS selects nothing: $TOOLS"

mkdir -p "$OUT"
cd "$PARENT"
{
    printf 'tool\tversion\n'
    if wants full || wants warm || wants lines; then
        printf 'seamline\t%s (git %s)\n' "$("$SEAMLINE" --version 2>&1 | head -n1)" \
            "$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')$(
                git -C "$repo" diff --quiet HEAD 2>/dev/null || echo '+dirty')"
    fi
    wants tokei && printf 'tokei\t%s\n' "$("$TOKEI" --version 2>&1 | head -n1)"
    wants rca && printf 'rust-code-analysis-cli\t%s\n' "$(rust-code-analysis-cli --version 2>&1 | head -n1)"
    wants lizard && printf 'lizard\t%s\n' "$(lizard --version 2>&1 | head -n1)"
    printf 'hyperfine\t%s\n' "$(hyperfine --version)"
    printf 'cpu\t%s x %s\n' "$(nproc)" "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
} >"$OUT/versions.tsv"
log "load before timing: $(cut -d' ' -f1-3 /proc/loadavg) (timings under load are not final)"
{
    printf 'threads\t%s\nruns\t%s\nwarmup\t%s\n' "$THREADS" "$RUNS" "$WARMUP"
    printf 'loadavg_before\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
} >"$OUT/run.tsv"

# Every command must succeed once, on its own, and print something, before it is timed.
# (hyperfine discards the commands' output.)
for i in "${!cmds[@]}"; do
    bytes="$(bash -c "${cmds[$i]}" | wc -c)" || die "'${names[$i]}' failed on the corpus: ${cmds[$i]}"
    [ "$bytes" -gt 0 ] || die "'${names[$i]}' printed nothing: is it reading the corpus? ${cmds[$i]}"
    log "${names[$i]}: ok, $bytes bytes of output"
done

hargs=()
for i in "${!cmds[@]}"; do hargs+=(-n "${names[$i]}" "${cmds[$i]}"); done
hyperfine --warmup "$WARMUP" --runs "$RUNS" --shell bash \
    --export-json "$OUT/scan.json" --export-markdown "$OUT/scan.md" "${hargs[@]}"

if [ "${SKIP_MEMORY:-0}" != 1 ]; then
    log "peak memory: one run of each command under /usr/bin/time -v"
    printf 'command\tmax_rss_kb\telapsed\n' >"$OUT/memory.tsv"
    for i in "${!cmds[@]}"; do
        report="$(/usr/bin/time -v bash -c "${cmds[$i]} >/dev/null" 2>&1)" ||
            die "'${names[$i]}' failed under /usr/bin/time"
        rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' <<<"$report")"
        wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' <<<"$report")"
        printf '%s\t%s\t%s\n' "${names[$i]}" "$rss" "$wall" >>"$OUT/memory.tsv"
    done
fi
printf 'loadavg_after\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/run.tsv"

python3 "$here/corpus_stats.py" "$CORPUS" >"$OUT/corpus.tsv"
python3 "$here/summarize.py" "$OUT" >"$OUT/summary.md"
cat "$OUT/summary.md"
