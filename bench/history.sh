#!/usr/bin/env bash
# Benchmarks the history engine against `git log --numstat` (what code-maat consumes), side by
# side, on real repositories with long histories, and checks that the per-file numbers agree.
#
# For each repository:
#   1. exactness: bench/history_check.py compares `seamline history --no-renames --format json`
#      with `git log --numstat --no-renames` per path (commits, lines added, lines removed);
#   2. speed (hyperfine, alternating): `git log --numstat --no-renames` vs
#      `seamline history --no-renames --no-cache`, and `git log --numstat` (renames) vs
#      `seamline history --no-cache`;
#   3. the incremental update: a warm cache, then one new commit per timed run
#      (bench/history_newcommit.sh makes it in a private clone that shares the objects);
#   4. peak memory (GNU time -v) of a cold run;
#   5. with STEPS set (say STEPS="400 330 329 300 200 120 119 50 0"): the incremental update's
#      exactness. HEAD of a private clone is set to HEAD~N for each N in turn, and the cached
#      report (an update from the previous step) must be byte-identical to a --no-cache one,
#      with and without renames.
#
# Usage: bench/history.sh [REPO...]
#   REPO   git repositories (bare or not). Default: the mirrors in /work/.mirror with over 10,000
#          commits; if there are none, a synthetic 12,000-commit repository built with
#          bench/history_synth.py (git fast-import) under $WORK.
# Environment:
#   SEAMLINE  binary (default target/release/seamline; `cargo build --release` first)
#   RUNS      timed runs per command (default 3)
#   THREADS   seamline walker threads (default 0: one per core)
#   WORK      scratch directory (default /tmp/seamline-history-bench)
#   RESULTS   where results go (default bench/results): history.md, history-*.json, history.tsv
#   STEPS     HEAD~N steps for the exactness check of the incremental update (default: none)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
SEAMLINE="${SEAMLINE:-$root/target/release/seamline}"
RUNS="${RUNS:-3}"
THREADS="${THREADS:-0}"
WORK="${WORK:-/tmp/seamline-history-bench}"
RESULTS="${RESULTS:-$root/bench/results}"
mkdir -p "$WORK" "$RESULTS"
[[ -x "$SEAMLINE" ]] || { echo "build first: cargo build --release" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }

repos=("$@")
if [[ ${#repos[@]} -eq 0 ]]; then
  for d in /work/.mirror/*/repo; do
    [[ -d "$d" ]] || continue
    n=$(git -C "$d" rev-list --count HEAD 2>/dev/null || echo 0)
    [[ "$n" -gt 10000 ]] && repos+=("$d")
  done
fi
if [[ ${#repos[@]} -eq 0 ]]; then
  synth="$WORK/synthetic.git"
  if [[ ! -d "$synth" ]]; then
    git init -q -b main --bare "$synth"
    python3 "$here/history_synth.py" 12000 42 | git -C "$synth" fast-import --quiet
    git -C "$synth" repack -adq --depth=50 --window=10
  fi
  repos=("$synth")
fi

md="$RESULTS/history.md"
tsv="$RESULTS/history.tsv"
{
  echo "# History benchmark ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "seamline $("$SEAMLINE" --version | awk '{print $2}'), $(git --version), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$md"
printf 'repo\tcommits\tcheck\tgit_nr_s\tseamline_nr_s\tgit_r_s\tseamline_r_s\tincremental_ms\tpeak_rss_kb\n' > "$tsv"

median() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.3f" % x["median"] for x in r))' "$1"; }

for repo in "${repos[@]}"; do
  name=$(basename "$(dirname "$repo")")
  [[ "$name" == "." || "$name" == "/" || "$name" == "$(basename "$WORK")" ]] && name=$(basename "$repo")
  commits=$(git -C "$repo" rev-list --count HEAD)
  echo "== $name ($commits commits)" >&2

  # 1. Exactness.
  "$SEAMLINE" history "$repo" --no-renames --no-cache --threads "$THREADS" --format json > "$WORK/$name.json"
  if check=$(SEAMLINE="$SEAMLINE" python3 "$here/history_check.py" "$repo" "$WORK/$name.json"); then
    verdict=identical
  else
    verdict=different
  fi
  echo "$check" >&2

  # 2. Speed, alternating runs.
  hyperfine -N --runs "$RUNS" --warmup 1 --export-json "$RESULTS/history-$name-norenames.json" \
    -n "git log --numstat --no-renames" "git -C $repo log --numstat --no-renames --format=%H" \
    -n "seamline history --no-renames" "$SEAMLINE history $repo --no-renames --no-cache --threads $THREADS --format json" \
    >&2
  read -r git_nr sl_nr < <(median "$RESULTS/history-$name-norenames.json")
  hyperfine -N --runs "$RUNS" --export-json "$RESULTS/history-$name-renames.json" \
    -n "git log --numstat" "git -C $repo log --numstat --format=%H" \
    -n "seamline history" "$SEAMLINE history $repo --no-cache --threads $THREADS --format json" \
    >&2
  read -r git_r sl_r < <(median "$RESULTS/history-$name-renames.json")

  # 3. Incremental update after one new commit (private clone sharing the objects).
  clone="$WORK/$name-incremental.git"
  cache="$WORK/$name-cache"
  rm -rf "$clone" "$cache"
  git clone -q --bare --shared "$repo" "$clone"
  "$SEAMLINE" history "$clone" --cache-dir "$cache" --format json > /dev/null
  hyperfine -N --runs $((RUNS * 3)) --export-json "$RESULTS/history-$name-incremental.json" \
    --prepare "$here/history_newcommit.sh $clone" \
    -n "seamline history (1 new commit, warm cache)" \
    "$SEAMLINE history $clone --cache-dir $cache --format json" >&2
  incr=$(python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$RESULTS/history-$name-incremental.json")

  # 4. Peak memory of a cold run.
  rss=$( { /usr/bin/time -f '%M' "$SEAMLINE" history "$repo" --no-cache --threads "$THREADS" --format json > /dev/null; } 2>&1 | tail -1)
  git_rss=$( { /usr/bin/time -f '%M' git -C "$repo" log --numstat --format=%H > /dev/null; } 2>&1 | tail -1)

  # 5. Exactness of the incremental update, step by step (optional).
  if [[ -n "${STEPS:-}" ]]; then
    steps="$WORK/$name-steps.git"
    rm -rf "$steps" "$WORK/$name-steps-cache"
    git clone -q --bare --shared "$repo" "$steps"
    tip=$(git -C "$steps" rev-parse HEAD)
    branch=$(git -C "$steps" symbolic-ref HEAD)
    for back in $STEPS; do
      git -C "$steps" update-ref "$branch" "$(git -C "$steps" rev-parse "$tip~$back")"
      for mode in "" "--no-renames"; do
        # shellcheck disable=SC2086
        "$SEAMLINE" history "$steps" --cache-dir "$WORK/$name-steps-cache" $mode --format json > "$WORK/step-a.json"
        # shellcheck disable=SC2086
        "$SEAMLINE" history "$steps" --no-cache $mode --format json > "$WORK/step-b.json"
        if cmp -s "$WORK/step-a.json" "$WORK/step-b.json"; then same=identical; else same=DIFFERENT; fi
        echo "  incremental step HEAD~$back ${mode:-(renames)}: $same" | tee -a "$RESULTS/history-steps.txt" >&2
      done
    done
  fi

  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$commits" "$verdict" "$git_nr" "$sl_nr" "$git_r" "$sl_r" "$incr" "$rss" >> "$tsv"
  {
    echo
    echo "## $name ($commits commits)"
    echo
    echo "- check: $check"
    echo "- \`git log --numstat --no-renames\` ${git_nr} s, \`seamline history --no-renames --no-cache\` ${sl_nr} s (median of $RUNS)"
    echo "- \`git log --numstat\` ${git_r} s, \`seamline history --no-cache\` ${sl_r} s"
    echo "- incremental update after one new commit: ${incr} ms (median of $((RUNS * 3)))"
    echo "- peak RSS: seamline ${rss} KB, git log ${git_rss} KB"
  } >> "$md"
done
cat "$md"
