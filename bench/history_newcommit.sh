#!/usr/bin/env bash
# Adds one commit on top of HEAD of a (bare) repository without a working tree: a small edit of
# one file, written with plumbing (hash-object, mktree via update-index on a temporary index,
# commit-tree, update-ref). Used by bench/history.sh to time the incremental update.
#
# Usage: bench/history_newcommit.sh REPO
set -euo pipefail
repo="$1"
export GIT_DIR
GIT_DIR="$(git -C "$repo" rev-parse --absolute-git-dir)"
head=$(git rev-parse HEAD)
# The first text file of HEAD's tree, alphabetically, gets one more line.
path=$(git ls-tree -r --name-only HEAD | grep -E '\.(rs|py|go|md|txt|toml)$' | sed -n 1p)
blob=$( { git cat-file -p "HEAD:$path"; echo "// bench line $(date +%s%N)"; } | git hash-object -w --stdin)
index=$(mktemp)
trap 'rm -f "$index"' EXIT
GIT_INDEX_FILE="$index" git read-tree HEAD
GIT_INDEX_FILE="$index" git update-index --cacheinfo "100644,$blob,$path"
tree=$(GIT_INDEX_FILE="$index" git write-tree)
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com
commit=$(echo "bench: one more line" | git commit-tree "$tree" -p "$head")
git update-ref HEAD "$commit"
