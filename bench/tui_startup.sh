#!/usr/bin/env bash
# Time from start to the cockpit's first frame, and to its first frame of the complete model,
# on large real trees with a warm cache (the issue's target: under 200 ms), and the cockpit's
# peak memory. The cockpit needs a terminal, so each run happens inside tmux (120×40); the
# binary's hidden `--exit-after first|ready` quits after that frame and prints its times on
# stderr. Each tree is opened once first to warm the scan and history caches.
#
# Trees: the benchmark corpus (bench/corpus.sh) and a checkout of rust-lang/cargo from the
# mirror (a git history too), both outside the repository.
#
# Usage: bench/tui_startup.sh            Environment: SEAMLINE (default target/release/seamline),
#        RUNS (default 5), CORPUS, CARGO_MIRROR (default /work/.mirror/rust-lang+cargo/repo)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
SEAMLINE="${SEAMLINE:-$repo/target/release/seamline}"
RUNS="${RUNS:-5}"
CORPUS="${CORPUS:-${SEAMLINE_CORPUS:-$HOME/.cache/seamline-bench/corpus}}"
CARGO_MIRROR="${CARGO_MIRROR:-/work/.mirror/rust-lang+cargo/repo}"
WORK="${TUI_BENCH_DIR:-/tmp/seamline-tui-bench}"
SOCK="seamline-tui-bench-$$"

[ -x "$SEAMLINE" ] || { echo "build first: cargo build --release" >&2; exit 2; }
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 2; }
mkdir -p "$WORK"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null || true' EXIT

trees=()
[ -d "$CORPUS" ] && trees+=("$CORPUS")
if [ -d "$CARGO_MIRROR" ]; then
  [ -d "$WORK/cargo" ] || git clone -q "$CARGO_MIRROR" "$WORK/cargo"
  trees+=("$WORK/cargo")
fi
[ ${#trees[@]} -gt 0 ] || { echo "no tree: run bench/corpus.sh" >&2; exit 2; }

# One run in tmux: prints "first ready maxrss_kb model".
run() {
  local tree="$1" when="$2" out="$WORK/run.err" done="$WORK/run.done"
  rm -f "$out" "$done"
  tmux -L "$SOCK" new-session -d -x 120 -y 40 \
    "cd '$tree' && /usr/bin/time -f 'maxrss %M' '$SEAMLINE' --exit-after $when . 2> '$out'; touch '$done'"
  for _ in $(seq 1 1200); do [ -e "$done" ] && break; sleep 0.05; done
  local first ready rss
  first=$(sed -n 's/^first frame: \([0-9-]*\) ms.*/\1/p' "$out")
  ready=$(sed -n 's/.*first complete frame: \([0-9-]*\) ms.*/\1/p' "$out")
  rss=$(sed -n 's/^maxrss \([0-9]*\)/\1/p' "$out")
  model=$(sed -n 's/.*model published at \([0-9-]*\) ms.*/\1/p' "$out")
  echo "${first:-?} ${ready:-?} ${rss:-?} ${model:-?}"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for tree in "${trees[@]}"; do
  files=$(git -C "$tree" ls-files 2>/dev/null | wc -l || true)
  [ "$files" -gt 0 ] || files=$(find "$tree" -type f | wc -l)
  run "$tree" ready >/dev/null   # warm the caches
  firsts=(); readys=(); rsss=(); models=()
  for _ in $(seq 1 "$RUNS"); do
    read -r f _ _ < <(run "$tree" first); firsts+=("$f")
    read -r _ r m p < <(run "$tree" ready); readys+=("$r"); rsss+=("$m"); models+=("$p")
  done
  printf '%s (%s files): first frame median %s ms [%s]; complete-model frame median %s ms [%s] (engine published the model at %s ms); peak RSS median %s MiB\n' \
    "$tree" "$files" \
    "$(printf '%s\n' "${firsts[@]}" | median)" "${firsts[*]}" \
    "$(printf '%s\n' "${readys[@]}" | median)" "${readys[*]}" \
    "$(printf '%s\n' "${models[@]}" | median)" \
    "$(( $(printf '%s\n' "${rsss[@]}" | median) / 1024 ))"
done
